// t55-handshake: who a charger is taken to be, and what failed handshakes cost. A second bridge
// (same database) counts failures in windows of 4 s and trusts X-Forwarded-For from one proxy
// address only. Failed handshakes are throttled per address and identity: after 10 wrong
// passwords for X from an address, X from there gets 429 (the right password too, with a
// Retry-After that says how long), while Y at the same address (chargers behind one NAT) gets
// in with its password and is not throttled; once the wait is over, X gets in. A client that is
// not a trusted proxy cannot choose its address with X-Forwarded-For: rotating the header does not
// escape the throttle, and the fake addresses never reach security_events; from the trusted
// proxy, the last X-Forwarded-For address is the one recorded. The 401 carries
// `WWW-Authenticate: Basic realm="evshare OCPP"`, closing quote included.
import path from 'node:path';
import { run, addCharger, WebSocket, BRIDGE_URL, PROXY_ENDPOINT, ROOT, background, freePort, randomLoopback,
	sql, sqlValue, sleep, timeout, waitFor } from './lib.mjs';

const WINDOW_S = 4;

// One handshake; resolves { status, headers } on an HTTP refusal or { open: true } (then closed).
function handshake(base, identity, password, { from, xff } = {}) {
	return timeout(new Promise((resolve) => {
		const headers = { Authorization: `Basic ${Buffer.from(`${identity}:${password}`).toString('base64')}` };
		if (xff) headers['X-Forwarded-For'] = xff;
		const ws = new WebSocket(`${base}/ocpp/${identity}`, ['ocpp1.6'], { headers, handshakeTimeout: 8000, localAddress: from });
		ws.on('open', () => { ws.terminate(); resolve({ open: true }); });
		ws.on('unexpected-response', (req, res) => { resolve({ status: res.statusCode, headers: res.headers }); req.destroy(); });
		ws.on('error', (e) => resolve({ error: e.message }));
	}), 10000, `handshake ${identity}`);
}
const outcome = (r) => (r.open ? 'open' : r.status ? String(r.status) : `error ${r.error}`);

await run(async (t) => {
	const X = await addCharger('HSX'), Y = await addCharger('HSY'), Z = await addCharger('HSZ'), P = await addCharger('HSP');
	const proxy = randomLoopback();
	const port = await freePort();
	const node = `handshake-bridge-${port}`;
	const second = background(path.join(ROOT, 'bin/ocpp-bridge'), [], {
		env: { EVSHARE_BRIDGE_PORT: String(port), EVSHARE_BRIDGE_NODE: node, EVSHARE_LOG_FILE: '', EVSHARE_LOG_LEVEL: 'info',
			EVSHARE_BRIDGE_TRUSTED_PROXIES: proxy, EVSHARE_OCPP_AUTH_FAIL_LIMIT: '10', OCPP_BRIDGE_AUTH_WINDOW: String(WINDOW_S) },
	});
	const base = `ws://127.0.0.1:${port}`;
	await waitFor(() => sqlValue(`SELECT count(*) FROM bridge_nodes WHERE node = :'node'`, { node }) === '1', 10000,
		`the second bridge to register (${second.err.slice(-300)})`);

	await t.step('WWW-Authenticate', async () => {
		const r = await handshake(BRIDGE_URL, X.identity, 'wrong-password-0000000', { from: randomLoopback() });
		t.eq(r.status, 401, 'a wrong password: 401');
		t.eq(r.headers?.['www-authenticate'], 'Basic realm="evshare OCPP"', 'WWW-Authenticate: Basic realm="evshare OCPP" (closing quote included)');
	});

	await t.step('throttled per address and identity', async () => {
		const nat = randomLoopback();   // many chargers behind one address
		const codes = [];
		for (let i = 0; i < 11; i++) codes.push(outcome(await handshake(base, X.identity, `wrong-password-${i}-xxxxxx`, { from: nat })));
		t.eq(codes.join(','), '401,401,401,401,401,401,401,401,401,401,429', '10 wrong passwords for X from one address: 401 ten times, then 429');
		let r = await handshake(base, Y.identity, Y.password, { from: nat });
		t.eq(outcome(r), 'open', 'meanwhile charger Y at the same address connects with its password');
		r = await handshake(base, Y.identity, 'wrong-password-y-xxxxxx', { from: nat });
		t.eq(outcome(r), '401', 'and a wrong password for Y there is a plain 401 (Y is not throttled)');
		r = await handshake(base, X.identity, 'wrong-password-again-xx', { from: nat });
		t.eq(outcome(r), '429', 'X with a wrong password from that address: 429');
		r = await handshake(base, X.identity, X.password, { from: nat });
		const wait = +r.headers?.['retry-after'];
		t.check(r.status === 429 && wait >= 1 && wait <= WINDOW_S,
			`X with the right password waits too, told how long: 429, Retry-After ${wait} s (at most the ${WINDOW_S} s window)`, JSON.stringify({ status: r.status, retry: r.headers?.['retry-after'] }));
		t.eq(outcome(await handshake(base, X.identity, X.password, { from: randomLoopback() })), 'open', 'X from another address is not throttled');
		await sleep(wait * 1000 + 300);
		r = await handshake(base, X.identity, X.password, { from: nat });
		t.eq(outcome(r), 'open', `after the Retry-After (${wait} s), X with the right password connects`);
		t.check(+sqlValue(`SELECT count(*) FROM security_events WHERE kind = 'auth_throttled' AND remote_addr = :'a' AND charge_point_id = :'id'`, { a: nat, id: X.id }) === 1,
			'one auth_throttled security event for X at that address');
	});

	await t.step('X-Forwarded-For from a client that is not a proxy', async () => {
		// a direct connection from 127.0.0.1, not the trusted proxy: the header is not believed
		const codes = [];
		for (let i = 0; i < 12; i++) {
			codes.push(outcome(await handshake(base, Z.identity, `wrong-password-${i}-zzzzzz`, { from: '127.0.0.1', xff: `198.51.100.${i + 1}` })));
		}
		t.eq(codes.join(','), '401,401,401,401,401,401,401,401,401,401,429,429', 'rotating X-Forwarded-For does not escape the throttle: it is the real address\'s');
		const addrs = sql(`SELECT DISTINCT remote_addr FROM security_events WHERE charge_point_id = :'id'`, { id: Z.id }).map((x) => x[0]);
		t.eq(addrs.join(' '), '127.0.0.1', 'security events name the real address, no fake one');
		t.eq(sqlValue(`SELECT count(*) FROM security_events WHERE remote_addr LIKE '198.51.100.%'`), '0', 'no 198.51.100.x address reached security_events');
	});

	await t.step('X-Forwarded-For from the trusted proxy', async () => {
		const r = await handshake(base, P.identity, 'wrong-password-p-xxxxxx', { from: proxy, xff: '6.6.6.6, 203.0.113.77' });
		t.eq(outcome(r), '401', 'a wrong password through the trusted proxy: 401');
		const addrs = sql(`SELECT remote_addr FROM security_events WHERE charge_point_id = :'id'`, { id: P.id }).map((x) => x[0]);
		t.eq(addrs.join(' '), '203.0.113.77', 'recorded as the last X-Forwarded-For address (the one the proxy appended)');
		t.eq(outcome(await handshake(base, P.identity, P.password, { from: proxy, xff: '203.0.113.78' })), 'open', 'and the right password through the proxy connects');
	});

	await t.step('through the web server', async () => {
		// the test instance's bridge trusts no proxy (the default): whatever the client puts in
		// X-Forwarded-For, the bridge records the web server's address
		const events = () => +sqlValue(`SELECT count(*) FROM security_events WHERE charge_point_id = :'id'`, { id: Y.id });
		const n0 = events();
		const r = await handshake(PROXY_ENDPOINT.replace(/\/ocpp$/, ''), Y.identity, 'wrong-password-w-xxxxxx', { xff: '6.6.6.7' });
		t.eq(outcome(r), '401', 'a wrong password through lighttpd: 401');
		await waitFor(() => events() > n0, 5000, 'the security event');
		const addrs = sql(`SELECT remote_addr FROM security_events WHERE charge_point_id = :'id' ORDER BY id DESC LIMIT 1`, { id: Y.id }).map((x) => x[0]);
		t.eq(addrs.join(' '), '127.0.0.1', 'recorded as the web server\'s address, not the forged one');
	});

	second.kill('SIGTERM');
	await timeout(second.done, 8000, 'the second bridge to stop').catch(() => second.kill('SIGKILL'));
});
