// lib.mjs - what the OCPP suites share: the TAP-like output, timeouts, psql, the admin CLI, charge
// point fixtures, and ocpp-rpc clients in strict mode (an OCPP implementation independent of ours,
// validating both directions against the official 1.6 JSON schemas).
//
// Every suite: `await run(async (t) => { ... })`; t.ok / t.notOk / t.check print one line per
// check ("ok - ..." or "not ok - ...: reason"), "# " lines are diagnostics; the process exits 1
// when any check failed; the whole suite is bounded by a watchdog.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const { RPCClient, RPCServer, createRPCError } = require('ocpp-rpc');
export const WebSocket = require('ws');

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = process.env.EVSHARE_ROOT || path.resolve(here, '../..');
export const VAR = process.env.EVSHARE_VAR || path.join(ROOT, 'var/test');
export const BRIDGE_URL = (process.env.EVSHARE_BRIDGE_URL ||
	`ws://127.0.0.1:${process.env.EVSHARE_BRIDGE_PORT || 18180}`).replace(/\/+$/, '');
export const WEB_URL = (process.env.EVSHARE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const OCPP_ENDPOINT = `${BRIDGE_URL}/ocpp`;           // ocpp-rpc appends /IDENTITY
export const PROXY_ENDPOINT = `${WEB_URL.replace(/^http/, 'ws')}/ocpp`;
export const ADMIN = path.join(ROOT, 'bin/evshare-admin');
export const SIM = path.join(ROOT, 'bin/evshare-sim');
export const OWNER = 'owner@evshare.test';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A promise that rejects after ms with "what: timed out after ms".
export function timeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, rej) => {
			timer = setTimeout(() => rej(new Error(`${what}: timed out after ${ms} ms`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

// Polls fn (sync or async) until it returns a truthy value; that value, or throws on timeout.
export async function waitFor(fn, ms, what, every = 100) {
	const end = Date.now() + ms;
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last) return last;
		} catch (e) {
			last = e;
		}
		if (Date.now() >= end)
			throw new Error(`${what}: not within ${ms} ms${last instanceof Error ? ` (${last.message})` : ''}`);
		await sleep(every);
	}
}

// ------------------------------------------------------------------ output

const clients = new Set();    // closed at the end, whatever happens
const children = new Set();   // child processes killed at the end

export async function run(main, { limitMs = 110000 } = {}) {
	let failed = 0, passed = 0;
	const t = {
		ok(desc) { passed++; console.log(`ok - ${desc}`); },
		notOk(desc, reason) {
			failed++;
			console.log(`not ok - ${desc}: ${String(reason ?? 'failed').replace(/\s+/g, ' ').slice(0, 500)}`);
		},
		check(cond, desc, reason) { if (cond) t.ok(desc); else t.notOk(desc, reason); return !!cond; },
		eq(got, want, desc) {
			return t.check(got === want, desc, `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
		},
		diag(msg) { for (const l of String(msg).split('\n')) console.log(`# ${l}`); },
		// runs one named step: an exception is one failed check, not the end of the suite
		async step(desc, fn) {
			try { await fn(); } catch (e) { t.notOk(desc, e?.stack?.split('\n').slice(0, 2).join(' ') || e); }
		},
	};
	const watchdog = setTimeout(() => {
		t.notOk('suite finished in time', `still running after ${limitMs} ms`);
		cleanup().finally(() => process.exit(1));
	}, limitMs);
	try {
		await main(t);
	} catch (e) {
		t.notOk('suite ran to the end', e?.stack || e);
	}
	clearTimeout(watchdog);
	await cleanup();
	console.log(`# ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

async function cleanup() {
	await Promise.allSettled([...clients].map((c) => timeout(c.close({ code: 1000, force: true }), 3000, 'close')));
	clients.clear();
	for (const ch of children) {
		try { ch.kill('SIGKILL'); } catch { /* gone */ }
	}
	children.clear();
}

// ------------------------------------------------------------------ database and CLI

// Runs SQL through psql as the superuser; vars are passed as psql variables (:'name' in sql),
// never pasted into the text. Returns rows as arrays of strings (NULL is null).
export function sql(text, vars = {}) {
	const args = ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-F', '\x1f', '-P', 'null=\x1e'];
	for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
	const r = spawnSync('psql', args, { input: text, encoding: 'utf8', timeout: 20000 });
	if (r.status !== 0) throw new Error(`psql: ${(r.stderr || r.error?.message || '').trim()}`);
	return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\x1f').map((f) => (f === '\x1e' ? null : f)));
}
export const sqlValue = (text, vars) => sql(text, vars)[0]?.[0] ?? null;

// Runs a program, bounded; resolves {code, stdout, stderr}.
export function exec(cmd, args, { timeoutMs = 30000, env } = {}) {
	return new Promise((resolve) => {
		const ch = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		children.add(ch);
		let stdout = '', stderr = '';
		ch.stdout.on('data', (d) => { stdout += d; });
		ch.stderr.on('data', (d) => { stderr += d; });
		const timer = setTimeout(() => { stderr += `\n(killed after ${timeoutMs} ms)`; ch.kill('SIGKILL'); }, timeoutMs);
		ch.on('error', (e) => { stderr += e.message; });
		ch.on('close', (code, signal) => {
			clearTimeout(timer);
			children.delete(ch);
			resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
		});
	});
}

// Starts a long-running child the suite kills at the end (or earlier with .kill()).
export function background(cmd, args, { env } = {}) {
	const ch = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(ch);
	ch.out = '';
	ch.err = '';
	ch.stdout.on('data', (d) => { ch.out += d; });
	ch.stderr.on('data', (d) => { ch.err += d; });
	ch.done = new Promise((r) => ch.on('close', (code) => { children.delete(ch); r(code); }));
	return ch;
}

export const admin = (args, opts) => exec(ADMIN, args, opts);

// A fresh identity nobody else uses: T-<tag>-<random>.
export function uniqueIdentity(tag) {
	return `T-${tag}-${randomBytes(5).toString('hex')}`.slice(0, 48);
}

// Registers a charge point. listing: 'approved' (default), 'pending' (listing awaiting review),
// or 'none' (no listing at all). connectors: how many connector rows the listing should have.
// Returns { identity, password, id, listingId }.
export async function addCharger(tag, { listing = 'approved', connectors = 1 } = {}) {
	const identity = uniqueIdentity(tag);
	const args = ['add-charger', '--owner', OWNER, '--identity', identity];
	if (listing !== 'none') args.push('--title', `Test ${tag}`, '--address', 'Testovací 1, Praha', '--lat', '50.08', '--lon', '14.42');
	if (listing === 'pending') args.push('--pending');
	const r = await admin(args);
	const pw = /^password:\s+(\S+)/m.exec(r.stdout);
	if (r.code !== 0 || !pw) throw new Error(`evshare-admin add-charger failed (${r.code}): ${r.stderr.trim()}`);
	const [[id, listingId]] = sql(`SELECT id, listing_id FROM charge_points WHERE identity = :'ident'`, { ident: identity });
	for (let n = 2; n <= connectors && listingId; n++) {
		sql(`INSERT INTO connectors (listing_id, connector_id, type, max_power_w)
		     VALUES (:'l', :'n', 'type2', 11000) ON CONFLICT DO NOTHING`, { l: listingId, n });
	}
	return { identity, password: pw[1], id, listingId };
}

// An id tag with the given status (and expiry, an SQL expression) for the test driver account.
export function addIdTag(tag, { status = 'Accepted', expires = null, parent = null } = {}) {
	const idTag = `${tag}-${randomBytes(3).toString('hex')}`.slice(0, 20);
	sql(`INSERT INTO id_tags (id_tag, status, expires_at, parent_id_tag, account_id)
	     VALUES (:'tag', :'st', ${expires ? "now() + :'exp'::interval" : 'NULL'}, ${parent ? ":'par'" : 'NULL'},
	             (SELECT id FROM accounts WHERE email = 'driver@evshare.test'))`,
	{ tag: idTag, st: status, exp: expires ?? '0', par: parent ?? '' });
	return idTag;
}

// ------------------------------------------------------------------ OCPP clients

// An ocpp-rpc client in strict mode; recorded so it is closed at the end. Validation failures
// of the server's messages are collected in client.violations (checked by expectClean).
export function client(identity, password, opts = {}) {
	const c = new RPCClient({
		endpoint: opts.endpoint || OCPP_ENDPOINT,
		identity,
		password,
		protocols: ['ocpp1.6'],
		strictMode: true,
		reconnect: false,
		callTimeoutMs: opts.callTimeoutMs || 15000,
		pingIntervalMs: opts.pingIntervalMs || 60000,
		...opts.rpc,
	});
	c.violations = [];
	c.on('strictValidationFailure', (e) => c.violations.push(`${e.messageId ?? ''} ${e.error?.message || e.error}`));
	c.on('badMessage', (e) => c.violations.push(`bad message: ${e.error?.message || e.error}`));
	c.on('error', () => {});
	clients.add(c);
	return c;
}

export async function connect(identity, password, opts = {}) {
	const c = client(identity, password, opts);
	await timeout(c.connect(), 10000, `connect ${identity}`);
	return c;
}

// A plain websocket (package ws) with the charger's credentials, for what ocpp-rpc will not do
// (pausing the socket so that it answers no ping); ws.closed resolves with the close code.
export function rawConnect(cp, base = BRIDGE_URL) {
	return timeout(new Promise((resolve, reject) => {
		const ws = new WebSocket(`${base}/ocpp/${cp.identity}`, ['ocpp1.6'], {
			headers: { Authorization: `Basic ${Buffer.from(`${cp.identity}:${cp.password}`).toString('base64')}` },
		});
		ws.closed = new Promise((r) => ws.on('close', (code) => r(code)));
		ws.on('open', () => resolve(ws));
		ws.on('error', reject);
		ws.on('unexpected-response', (req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	}), 8000, 'raw connect');
}

// Sends one frame on a rawConnect socket; resolves with the next frame that comes back.
export function rawCall(ws, frame, ms = 5000) {
	return timeout(new Promise((resolve) => {
		ws.once('message', (d) => resolve(JSON.parse(d.toString())));
		ws.send(JSON.stringify(frame));
	}), ms, `raw ${frame[2]}`);
}

export function bootPayload(extra = {}) {
	return {
		chargePointVendor: 'evshare-test', chargePointModel: 'ocpp-rpc',
		chargePointSerialNumber: 'SN-T-1', firmwareVersion: '9.9.9', ...extra,
	};
}

// Connects and boots; returns the client once the boot was Accepted (throws otherwise).
export async function bootedClient(cp, opts = {}) {
	const c = await connect(cp.identity, cp.password, opts);
	const r = await c.call('BootNotification', bootPayload());
	if (r.status !== 'Accepted') throw new Error(`BootNotification answered ${JSON.stringify(r)}`);
	return c;
}

export async function closeClient(c) {
	clients.delete(c);
	await timeout(c.close({ code: 1000, force: true }), 3000, 'close').catch(() => {});
}

// One check: no strict-mode violation was seen on this client.
export function expectClean(t, c, desc) {
	t.check(c.violations.length === 0, desc, c.violations.join('; '));
}

// Queues a command through the admin CLI and waits for its outcome.
// Resolves { code, state, out } (state parsed from the output when it names one).
export async function command(identity, action, payload, { timeoutS } = {}) {
	const args = ['command', identity, action, JSON.stringify(payload)];
	if (timeoutS) args.push('--timeout', String(timeoutS));
	const r = await admin(args, { timeoutMs: ((timeoutS || 30) + 15) * 1000 });
	const m = /\b(accepted|rejected|error|timeout)\b/i.exec(r.stdout);
	return { code: r.code, state: m ? m[1].toLowerCase() : null, out: (r.stdout + r.stderr).trim() };
}

// A TCP port nobody listens on.
export function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
		s.on('error', reject);
	});
}

export const isoNow = () => new Date().toISOString();

// A loopback address of its own (127.x.y.z): failed handshakes from it count against it alone,
// so the bridge's per-address throttle of failed attempts never locks other suites out.
export function randomLoopback() {
	const b = randomBytes(3);
	return `127.${b[0] % 250 + 2}.${b[1]}.${b[2] % 250 + 2}`;
}

// ------------------------------------------------------------------ the instance

const INSTANCE = path.join(ROOT, 'scripts/instance.sh');
export const instance = (what, opts) => exec(INSTANCE, [what], { timeoutMs: 90000, ...opts });

function readText(p) {
	try { return readFileSync(p, 'utf8').trim(); } catch { return null; }
}

// The pid of the running ocpp-bridge process. bridge.pid may name a wrapper (the subshell of
// instance.sh and runuser, when the instance runs as root) whose descendant is the bridge.
export function bridgePid() {
	const pid = readText(path.join(VAR, 'run/bridge.pid'));
	if (!pid) return null;
	const comm = readText(`/proc/${pid}/comm`);
	if (comm === null) return null;
	// a few levels down: instance.sh's background subshell, then runuser, then the bridge
	let level = [pid];
	for (let depth = 0; depth < 4 && level.length; depth++) {
		const nextLevel = [];
		for (const p of level) {
			if (readText(`/proc/${p}/comm`) === 'ocpp-bridge') return +p;
			nextLevel.push(...(readText(`/proc/${p}/task/${p}/children`) || '').split(/\s+/).filter(Boolean));
		}
		level = nextLevel;
	}
	return null;
}

export const pidAlive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

// kill -9 the bridge and wait until it (and a wrapper around it) is gone.
export async function killBridge() {
	const pid = bridgePid();
	if (!pid) throw new Error('no running bridge found');
	const wrapper = +readText(path.join(VAR, 'run/bridge.pid'));
	process.kill(pid, 'SIGKILL');
	await waitFor(() => !pidAlive(pid) && !pidAlive(wrapper), 5000, 'the bridge to die');
	return pid;
}

export async function startBridge() {
	const r = await instance('bridge-start');
	if (r.code !== 0) throw new Error(`bridge-start failed: ${r.stdout}${r.stderr}`);
	await waitFor(() => bridgePid(), 5000, 'the bridge to run');
}

// n charge points with approved listings, identities prefix + zero-padded 1..n, one password.
export async function addChargersBulk(prefix, n, password, { digits = 3 } = {}) {
	const h = await exec(SIM, ['--hash-password', password]);
	if (h.code !== 0) throw new Error(`evshare-sim --hash-password: ${h.stderr}`);
	sql(`WITH o AS (SELECT id FROM accounts WHERE email = 'owner@evshare.test'),
	     l AS (INSERT INTO listings (owner_id, title, address, lat, lon, state, approved_at)
	           SELECT o.id, 'Sim ' || g, 'Sim street ' || g, 50.0 + g * 0.0001, 14.4, 'approved', now()
	           FROM o, generate_series(1, :n) g RETURNING id, title),
	     c AS (INSERT INTO connectors (listing_id, connector_id, type, max_power_w)
	           SELECT id, k, 'type2', 11000 FROM l, generate_series(1, 2) k)
	     INSERT INTO charge_points (identity, listing_id, password_hash)
	     SELECT :'prefix' || lpad(substring(title from 5), :digits, '0'), id, :'hash' FROM l`,
	{ n, prefix, digits, hash: h.stdout.trim() });
	return sql(`SELECT id FROM charge_points WHERE identity LIKE :'p'`, { p: `${prefix}%` }).map((r) => r[0]);
}

// key=value lines of evshare-sim --stats into an object of numbers.
export function simStats(out) {
	return Object.fromEntries(out.split('\n').filter((l) => /^[a-zA-Z_]+=/.test(l))
		.map((l) => { const [k, v] = l.split('='); return [k, Number(v)]; }));
}

// What the database holds for the chargers whose identities start with prefix, in the terms of
// the simulator's summary.
export function dbCounts(prefix) {
	const [r] = sql(`WITH cp AS (SELECT id FROM charge_points WHERE identity LIKE :'p')
		SELECT (SELECT count(*) FROM transactions WHERE charge_point_id IN (SELECT id FROM cp)),
		       (SELECT count(*) FROM transactions WHERE charge_point_id IN (SELECT id FROM cp) AND stopped_at IS NOT NULL),
		       (SELECT count(*) FROM meter_values WHERE charge_point_id IN (SELECT id FROM cp) AND context = 'Sample.Periodic'),
		       (SELECT count(*) FROM meter_values WHERE charge_point_id IN (SELECT id FROM cp) AND context IN ('Transaction.Begin', 'Transaction.End'))`,
	{ p: `${prefix}%` });
	return { tx: +r[0], stopped: +r[1], periodic: +r[2], txdata: +r[3] };
}

// The checks "acknowledged = stored" for a simulator run.
export function checkAcked(t, stats, db, what) {
	t.eq(db.tx, stats.acked_StartTransaction, `${what}: every acknowledged StartTransaction is one transaction row`);
	t.eq(db.stopped, stats.acked_StopTransaction, `${what}: every acknowledged StopTransaction stopped one transaction`);
	t.eq(db.periodic, stats.acked_meter_samples, `${what}: every sampled value of an acknowledged MeterValues is one row`);
	t.eq(db.txdata, stats.acked_stop_samples, `${what}: every sampled value of acknowledged transactionData is one row`);
}
