// t50-frames: the handshake and the frames, with a plain websocket client (the `ws` package) so
// that anything can be sent: unknown identity 404, wrong password 401, no subprotocol, percent-
// encoded identity, malformed JSON, wrong types, missing fields, bad enumerations, too-long
// strings, extra properties, unknown action NotImplemented, unknown message type ignored, long
// unique id, oversized frame, and the bridge still serving afterwards.
import { run, addCharger, WebSocket, BRIDGE_URL, timeout, sleep, sqlValue, bootPayload, randomLoopback } from './lib.mjs';

const sockets = new Set();

// Opens a websocket; resolves { ws, protocol } on open or { status } on an HTTP refusal.
function open(identityPath, { user, password, protocols = ['ocpp1.6'], auth = true, from } = {}) {
	return timeout(new Promise((resolve) => {
		const headers = {};
		if (auth) headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
		const ws = new WebSocket(`${BRIDGE_URL}/ocpp/${identityPath}`, protocols, { headers, handshakeTimeout: 8000, localAddress: from });
		sockets.add(ws);
		ws.inbox = [];
		ws.waiters = [];
		ws.on('message', (d) => {
			let m;
			try { m = JSON.parse(d.toString()); } catch { m = { raw: d.toString() }; }
			const w = ws.waiters.shift();
			if (w) w(m); else ws.inbox.push(m);
		});
		ws.closed = new Promise((r) => ws.on('close', (code) => r(code)));
		ws.on('open', () => resolve({ ws, protocol: ws.protocol }));
		ws.on('unexpected-response', (req, res) => { resolve({ status: res.statusCode }); req.destroy(); });
		ws.on('error', (e) => resolve({ error: e.message }));
	}), 10000, `open ${identityPath}`);
}

// The next message on ws within ms, or null.
function next(ws, ms = 3000) {
	if (ws.inbox.length) return Promise.resolve(ws.inbox.shift());
	return new Promise((resolve) => {
		const w = (m) => { clearTimeout(timer); resolve(m); };
		const timer = setTimeout(() => { ws.waiters = ws.waiters.filter((x) => x !== w); resolve(null); }, ms);
		ws.waiters.push(w);
	});
}

async function send(ws, frame, ms) {
	ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
	return next(ws, ms);
}

await run(async (t) => {
	const cp = await addCharger('FRAME');
	const from = randomLoopback();     // this suite's failed handshakes count against this address
	const good = { user: cp.identity, password: cp.password, from };

	await t.step('handshake', async () => {
		let r = await open('T-NO-SUCH-CHARGER-x1', { user: 'T-NO-SUCH-CHARGER-x1', password: cp.password, from });
		t.eq(r.status, 404, 'unknown identity: HTTP 404 at the handshake');
		r = await open(cp.identity, { ...good, password: 'wrong-password-000000' });
		t.eq(r.status, 401, 'wrong password: HTTP 401');
		r = await open(cp.identity, { ...good, auth: false });
		t.eq(r.status, 401, 'no credentials: HTTP 401');
		r = await open(cp.identity, { user: 'someone-else', password: cp.password, from });
		t.eq(r.status, 401, 'Basic username other than the identity: HTTP 401');
		r = await open(cp.identity, { ...good, password: cp.password.slice(0, 10) });
		t.eq(r.status, 401, 'a password shorter than 16 characters: HTTP 401');

		r = await open(cp.identity, { ...good, protocols: [] });
		if (r.ws) {
			t.check(!r.protocol, 'no subprotocol offered: the handshake agrees none', `agreed '${r.protocol}'`);
			const code = await timeout(r.ws.closed, 5000, 'close').catch(() => null);
			t.check(code !== null, 'no subprotocol offered: the bridge closes the connection at once', `still open`);
		} else {
			t.check(r.status >= 400, 'no subprotocol offered: refused', JSON.stringify(r));
			t.ok('no subprotocol offered: no session');
		}
		r = await open(cp.identity, { ...good, protocols: ['ocpp2.0.1'] });
		if (r.ws) {
			const code = await timeout(r.ws.closed, 5000, 'close').catch(() => null);
			t.check(!r.protocol && code !== null, 'only ocpp2.0.1 offered: no subprotocol agreed and closed', `protocol '${r.protocol}', close ${code}`);
		} else {
			// refused at the HTTP level, or the connection dropped without a websocket
			t.check(r.status >= 400 || r.error, 'only ocpp2.0.1 offered: no session (refused or closed)', JSON.stringify(r));
			t.diag(`only ocpp2.0.1 offered: ${JSON.stringify(r)}`);
		}

		// the identity in the path is percent-decoded: T-%46RAME... is T-FRAME...
		const enc = cp.identity.replace(/^T-F/, 'T-%46').replace(/-/g, '%2D');
		r = await open(enc, good);
		t.check(r.ws && r.protocol === 'ocpp1.6', 'a percent-encoded identity in the path is decoded', JSON.stringify({ status: r.status, error: r.error, protocol: r.protocol }));
		r.ws?.close();
		if (r.ws) await timeout(r.ws.closed, 3000, 'close').catch(() => {});
	});

	await t.step('throttle', async () => {
		// failed handshakes are throttled per address: past the limit (10 a minute by default)
		// even the right password from that address waits; other addresses are not affected
		const bad = randomLoopback();
		const codes = [];
		for (let i = 0; i < 12; i++) codes.push((await open(cp.identity, { ...good, from: bad, password: `wrong-password-${i}-xxxxxx` })).status);
		t.check(codes.slice(0, 5).every((c) => c === 401) && codes[11] === 429, 'repeated wrong passwords from one address: 401, then 429', codes.join(','));
		const r = await open(cp.identity, { ...good, from: bad });
		t.eq(r.status, 429, 'that address is refused with 429 for a while, right password or not');
		const other = await open(cp.identity, good);
		t.check(other.ws && other.protocol === 'ocpp1.6', 'another address still gets in', JSON.stringify({ status: other.status, error: other.error }));
		other.ws?.close();
		if (other.ws) await timeout(other.ws.closed, 3000, 'close').catch(() => {});
		const ev = +sqlValue(`SELECT count(*) FROM security_events WHERE remote_addr LIKE :'a' || '%'`, { a: bad });
		t.check(ev >= 1, 'failed handshakes are recorded as security events', `${ev} events for ${bad}`);
	});

	const { ws } = await open(cp.identity, good);
	if (!ws) throw new Error('cannot connect with the right credentials');
	const isError = (m, id, code) => Array.isArray(m) && m[0] === 4 && m[1] === id && m[2] === code;
	const expectError = async (frame, code, desc) => {
		const m = await send(ws, frame);
		t.check(isError(m, frame[1], code) && typeof m[3] === 'string' && m[4] && typeof m[4] === 'object' && !Array.isArray(m[4]),
			`${desc}: CALLERROR ${code}`, JSON.stringify(m));
	};

	await t.step('frames before and at boot', async () => {
		await expectError([2, 'pre-1', 'Heartbeat', {}], 'SecurityError', 'Heartbeat before the boot');
		const m = await send(ws, [2, 'boot-1', 'BootNotification', bootPayload()]);
		t.check(Array.isArray(m) && m[0] === 3 && m[1] === 'boot-1' && m[2].status === 'Accepted', 'BootNotification: CALLRESULT Accepted', JSON.stringify(m));
	});

	await t.step('bad frames', async () => {
		let m = await send(ws, '[2, "bad-json-1", "Heartbeat", {');
		t.check(Array.isArray(m) && m[0] === 4 && ['FormationViolation', 'ProtocolError'].includes(m[2]), 'malformed JSON: CALLERROR FormationViolation', JSON.stringify(m));
		t.diag(`malformed JSON answered ${JSON.stringify(m)}`);
		m = await send(ws, '{"not": "an array"}');
		t.check(Array.isArray(m) && m[0] === 4 && ['FormationViolation', 'ProtocolError'].includes(m[2]), 'a JSON object instead of an array: CALLERROR', JSON.stringify(m));
		m = await send(ws, [2, 'no-payload']);
		t.check(Array.isArray(m) && m[0] === 4 && m[1] === 'no-payload' && ['FormationViolation', 'ProtocolError'].includes(m[2]), 'a CALL without action and payload: CALLERROR (ProtocolError: incomplete)', JSON.stringify(m));
		await expectError([2, 'arr-payload', 'Heartbeat', []], 'FormationViolation', 'a CALL whose payload is an array');
		m = await send(ws, [2, 'x'.repeat(37), 'Heartbeat', {}]);
		t.check(Array.isArray(m) && m[0] === 4 && ['FormationViolation', 'ProtocolError'].includes(m[2]), 'a unique id longer than 36 characters: CALLERROR', JSON.stringify(m));
		m = await send(ws, [2, 42, 'Heartbeat', {}]);
		t.check(Array.isArray(m) && m[0] === 4 && ['FormationViolation', 'ProtocolError', 'TypeConstraintViolation'].includes(m[2]), 'a unique id that is not a string: CALLERROR', JSON.stringify(m));

		await expectError([2, 'type-1', 'StatusNotification', { connectorId: '1', errorCode: 'NoError', status: 'Available' }], 'TypeConstraintViolation', 'connectorId as a string');
		await expectError([2, 'type-2', 'MeterValues', { connectorId: 1, meterValue: { timestamp: new Date().toISOString() } }], 'TypeConstraintViolation', 'meterValue an object instead of an array');
		await expectError([2, 'occ-1', 'StatusNotification', { connectorId: 1, errorCode: 'NoError' }], 'OccurenceConstraintViolation', 'a required field missing');
		await expectError([2, 'occ-2', 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ unit: 'Wh' }] }] }], 'OccurenceConstraintViolation', 'a required field missing deep inside (sampledValue without value)');
		await expectError([2, 'prop-1', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' }], 'PropertyConstraintViolation', 'a value outside the enumeration');
		await expectError([2, 'prop-2', 'Authorize', { idTag: 'X'.repeat(21) }], 'PropertyConstraintViolation', 'a string longer than allowed (idTag 21)');
		await expectError([2, 'prop-3', 'StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: 'yesterday' }], 'PropertyConstraintViolation', 'a timestamp that is not a date-time');
		await expectError([2, 'form-1', 'Heartbeat', { extra: 1 }], 'FormationViolation', 'a property the schema does not have');
		await expectError([2, 'ni-1', 'MakeCoffee', {}], 'NotImplemented', 'an unknown action');
		await expectError([2, 'ni-2', 'Reset', { type: 'Soft' }], 'NotSupported', 'a central-system action sent by the charger');
		t.eq(sqlValue(`SELECT count(*) FROM transactions WHERE charge_point_id = :'id'`, { id: cp.id }), '0', 'nothing invalid was stored');

		m = await send(ws, [5, 'type-5', 'Heartbeat', {}], 1000);
		t.check(m === null, 'an unknown message type number is ignored', JSON.stringify(m));
		m = await send(ws, [3, 'nobody-asked', {}], 1000);
		t.check(m === null, 'a CALLRESULT for nothing we sent is ignored', JSON.stringify(m));
		m = await send(ws, [2, 'hb-after', 'Heartbeat', {}]);
		t.check(Array.isArray(m) && m[0] === 3 && m[1] === 'hb-after' && m[2].currentTime, 'the connection still works after the bad frames', JSON.stringify(m));
		const empty = await send(ws, [2, 'st-empty', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' }]);
		t.check(Array.isArray(empty) && empty[0] === 3 && JSON.stringify(empty[2]) === '{}', 'an empty payload is sent as {}', JSON.stringify(empty));

		const sec = await send(ws, [2, 'sec-1', 'SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: new Date().toISOString(), techInfo: 'v2' }]);
		t.check(Array.isArray(sec) && sec[0] === 3, 'SecurityEventNotification is answered', JSON.stringify(sec));
		t.check(+sqlValue(`SELECT count(*) FROM security_events WHERE charge_point_id = :'id' AND kind LIKE '%FirmwareUpdated%'`, { id: cp.id }) === 1, 'SecurityEventNotification is stored as a security event');
	});

	await t.step('oversized frame', async () => {
		const big = JSON.stringify([2, 'big-1', 'DataTransfer', { vendorId: 'x', data: 'A'.repeat(70 * 1024) }]);
		ws.send(big);
		const m = await next(ws, 3000);
		const code = await timeout(ws.closed, 5000, 'close').catch(() => null);
		t.check((Array.isArray(m) && m[0] === 4) || code !== null,
			'a frame above the configured size (64 KiB) is refused', `answer ${JSON.stringify(m)}, close ${code}`);
		t.diag(`oversized frame: answer ${JSON.stringify(m)?.slice(0, 120)}, close code ${code}`);
		t.eq(sqlValue(`SELECT count(*) FROM ocpp_data_transfers WHERE charge_point_id = :'id'`, { id: cp.id }), '0', 'the oversized DataTransfer is not stored');
		const again = await open(cp.identity, good);
		const ok = again.ws && await send(again.ws, [2, 'boot-2', 'BootNotification', bootPayload()]);
		t.check(Array.isArray(ok) && ok[0] === 3, 'the bridge still serves the charger afterwards', JSON.stringify(ok ?? again));
		again.ws?.close();
	});

	for (const s of sockets) s.terminate();
	await sleep(100);
});
