// t75-liveness: a charger that falls silent (its socket stops reading: no messages, no pongs) is
// marked offline after the configured limit (the test instance sets EVSHARE_OCPP_OFFLINE_AFTER=20
// seconds) and its connectors show as Unknown; an 'offline' event is appended. A charger that
// only answers pings stays online.
import { run, addCharger, WebSocket, BRIDGE_URL, timeout, sql, sqlValue, waitFor, bootPayload, sleep } from './lib.mjs';

const LIMIT = +(process.env.EVSHARE_OCPP_OFFLINE_AFTER || 20);

function rawConnect(cp) {
	return timeout(new Promise((resolve, reject) => {
		const ws = new WebSocket(`${BRIDGE_URL}/ocpp/${cp.identity}`, ['ocpp1.6'], {
			headers: { Authorization: `Basic ${Buffer.from(`${cp.identity}:${cp.password}`).toString('base64')}` },
		});
		ws.on('open', () => resolve(ws));
		ws.on('error', reject);
	}), 8000, 'connect');
}
const rawCall = (ws, frame) => timeout(new Promise((resolve) => {
	ws.once('message', (d) => resolve(JSON.parse(d.toString())));
	ws.send(JSON.stringify(frame));
}), 5000, frame[2]);

await run(async (t) => {
	if (LIMIT > 60) {
		t.diag(`EVSHARE_OCPP_OFFLINE_AFTER=${LIMIT}: too long to wait for here; run through tests/run (20 s)`);
	}
	const silent = await addCharger('LIVE', { connectors: 1 });
	const quiet = await addCharger('PING', { connectors: 1 });
	const a = await rawConnect(silent);
	const b = await rawConnect(quiet);
	for (const ws of [a, b]) {
		await rawCall(ws, [2, 'b', 'BootNotification', bootPayload()]);
		await rawCall(ws, [2, 's', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' }]);
	}
	const state = (cp) => sql(`SELECT cp.online, coalesce(c.status, '-') FROM charge_points cp LEFT JOIN connectors c ON c.listing_id = cp.listing_id AND c.connector_id = 1 WHERE cp.id = :'id'`, { id: cp.id })[0].join(' ');
	t.eq(state(silent), 't Available', 'a booted charger is online with its connector Available');
	const t0 = Date.now();
	a._socket.pause();            // silent: reads nothing, so answers no ping either
	// b stays quiet but alive: ws answers the bridge's pings by itself

	await t.step('offline', async () => {
		await waitFor(() => state(silent) === 'f Unknown', (LIMIT + 25) * 1000, 'offline', 500);
		const took = (Date.now() - t0) / 1000;
		t.check(took >= LIMIT - 5, `a silent charger is marked offline, its connector Unknown (after ${took.toFixed(0)} s; limit ${LIMIT} s)`, `too early: ${took} s`);
		t.check(+sqlValue(`SELECT count(*) FROM events WHERE charge_point_id = :'id' AND kind = 'offline'`, { id: silent.id }) >= 1, 'an offline event is appended');
		t.eq(state(quiet), 't Available', 'a charger that only answers pings stays online');
	});
	a.terminate();
	b.close();
	await sleep(100);
});
