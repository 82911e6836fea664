// t70-duplicate: a second connection for an identity that is already connected never silently
// replaces or shadows the first. The bridge probes the old connection and keeps the one that
// answers: a live old connection stays (the newcomer does not get a session), a dead old one
// (its socket no longer reads, so it answers no ping) is dropped and the reconnecting charger is
// back within 5 s. Never two live sessions; a security event each time.
import { run, addCharger, client, connect, bootPayload, closeClient, sql, sqlValue, sleep, timeout, rawConnect, rawCall, randomLoopback } from './lib.mjs';

const secEvents = (id) => +sqlValue(`SELECT count(*) FROM security_events WHERE charge_point_id = :'id'`, { id });

// Tries to get a booted session for cp until deadline (a charger retries); returns the client
// and how long it took, or { error }.
async function reconnectWithin(cp, ms) {
	const t0 = Date.now();
	let last;
	while (Date.now() - t0 < ms) {
		const c = client(cp.identity, cp.password);
		try {
			await timeout(c.connect(), Math.max(500, ms - (Date.now() - t0)), 'connect');
			const r = await timeout(c.call('BootNotification', bootPayload()), 3000, 'boot');
			if (r.status === 'Accepted') return { c, took: Date.now() - t0 };
			last = `boot ${r.status}`;
		} catch (e) {
			last = e.message;
		}
		await closeClient(c);
		await sleep(250);
	}
	return { error: last, took: Date.now() - t0 };
}

await run(async (t) => {
	await t.step('live old connection', async () => {
		const cp = await addCharger('DUPL');
		const old = await connect(cp.identity, cp.password);
		t.eq((await old.call('BootNotification', bootPayload())).status, 'Accepted', 'the first connection boots');
		const ev0 = secEvents(cp.id);

		const newer = client(cp.identity, cp.password);
		let newerOpen = false;
		try {
			await timeout(newer.connect(), 8000, 'second connect');
			newerOpen = true;
		} catch (e) {
			t.diag(`second connection refused: ${e.message}`);
		}
		if (newerOpen) {
			// the handshake went through: the bridge must not keep it once the old one answered
			const closed = await timeout(new Promise((r) => newer.once('close', r)), 8000, 'second closed').then(() => true, () => false);
			let bootOk = false;
			if (!closed) {
				try { bootOk = (await timeout(newer.call('BootNotification', bootPayload()), 3000, 'boot')).status === 'Accepted'; } catch { /* refused */ }
			}
			t.check(closed || !bootOk, 'the second connection gets no session while the first answers', `closed=${closed} bootOk=${bootOk}`);
		} else {
			t.ok('the second connection is refused while the first answers');
		}
		const hb = await timeout(old.call('Heartbeat', {}), 5000, 'old heartbeat').catch((e) => ({ e: e.message }));
		t.check(hb.currentTime, 'the first connection still works', JSON.stringify(hb));
		t.check(secEvents(cp.id) > ev0, 'a security event is recorded');
		t.diag(sql(`SELECT kind, detail FROM security_events WHERE charge_point_id = :'id' ORDER BY id DESC LIMIT 1`, { id: cp.id }).map((r) => r.join(': ')).join(''));
		t.eq(sqlValue(`SELECT count(*) FROM charge_point_connections WHERE charge_point_id = :'id'`, { id: cp.id }), '1', 'one registry row');

		// a newcomer with the wrong password does not even get to the probe
		const thief = client(cp.identity, 'stolen-identity-wrong-pw', { rpc: { wsOpts: { localAddress: randomLoopback() } } });
		const outcome = await timeout(thief.connect(), 8000, 'thief').then(() => 'connected', (e) => (e.code ? `HTTP ${e.code}` : e.message));
		t.eq(outcome, 'HTTP 401', 'a second connection with the wrong password is refused with 401 at the handshake');
		const hb2 = await timeout(old.call('Heartbeat', {}), 5000, 'old heartbeat').catch((e) => ({ e: e.message }));
		t.check(hb2.currentTime, 'and the first connection is untouched', JSON.stringify(hb2));
		await closeClient(old);
		await closeClient(newer);
		await closeClient(thief);
	});

	await t.step('dead old connection', async () => {
		const cp = await addCharger('DUPD');
		const old = await rawConnect(cp);
		const b = await rawCall(old, [2, 'b1', 'BootNotification', bootPayload()]);
		t.check(b[0] === 3 && b[2].status === 'Accepted', 'the first connection boots', JSON.stringify(b));
		const gen0 = sqlValue(`SELECT generation FROM charge_point_connections WHERE charge_point_id = :'id'`, { id: cp.id });
		const ev0 = secEvents(cp.id);
		// the charger's old socket goes dead: nothing is read any more, so pings go unanswered
		old._socket.pause();

		const r = await reconnectWithin(cp, 5000);
		t.check(!r.error, `a reconnecting charger whose old socket is dead is back within 5 s (took ${(r.took / 1000).toFixed(1)} s)`, r.error);
		if (r.c) {
			const hb = await timeout(r.c.call('Heartbeat', {}), 5000, 'heartbeat').catch((e) => ({ e: e.message }));
			t.check(hb.currentTime, 'the new connection works', JSON.stringify(hb));
		}
		t.check(secEvents(cp.id) > ev0, 'a security event is recorded');
		const gen1 = sqlValue(`SELECT generation FROM charge_point_connections WHERE charge_point_id = :'id'`, { id: cp.id });
		t.check(gen1 !== null && gen1 !== gen0, 'the registry row is the new connection\'s', `generation ${gen0} -> ${gen1}`);
		// the old one was closed by the bridge: once it reads again it sees the end
		old._socket.resume();
		const code = await timeout(old.closed, 8000, 'old closed').catch(() => null);
		t.check(code !== null, 'the dead connection was closed by the bridge (never two sessions)', 'still open');
		if (code === null) old.terminate();
		if (r.c) await closeClient(r.c);
	});
});
