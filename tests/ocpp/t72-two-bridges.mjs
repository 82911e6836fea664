// t72-two-bridges: one live session per charger across several bridges. A second bridge (its
// own port and node name, the same database) gets a connection for a charger the first bridge
// holds: the first bridge probes its connection; a live one stays and the newcomer is closed,
// a dead one is closed there and the newcomer is served (back within 5 s). Never two live
// sessions; one registry row, naming the bridge that holds the charger; a security event each time.
import path from 'node:path';
import { run, addCharger, client, connect, bootPayload, closeClient, sqlValue, sleep, timeout, waitFor,
	background, freePort, rawConnect, rawCall, BRIDGE_URL, ROOT } from './lib.mjs';

const secEvents = (id, kind) => +sqlValue(`SELECT count(*) FROM security_events WHERE charge_point_id = :'id' AND kind = :'kind'`, { id, kind });
const holder = (id) => sqlValue(`SELECT node FROM charge_point_connections WHERE charge_point_id = :'id'`, { id });
const rows = (id) => sqlValue(`SELECT count(*) FROM charge_point_connections WHERE charge_point_id = :'id'`, { id });

await run(async (t) => {
	const port = await freePort();
	const node = `second-bridge-${port}`;
	const second = background(path.join(ROOT, 'bin/ocpp-bridge'), [], {
		env: { EVSHARE_BRIDGE_PORT: String(port), EVSHARE_BRIDGE_NODE: node, EVSHARE_LOG_FILE: '', EVSHARE_LOG_LEVEL: 'info' },
	});
	const base2 = `ws://127.0.0.1:${port}`;
	await waitFor(() => sqlValue(`SELECT count(*) FROM bridge_nodes WHERE node = :'node'`, { node }) === '1', 10000,
		`the second bridge to register (${second.err.slice(-300)})`);
	const first = sqlValue(`SELECT node FROM bridge_nodes WHERE node <> :'node' ORDER BY last_seen_at DESC LIMIT 1`, { node });
	t.diag(`bridges: ${first} and ${node}`);

	await t.step('live connection at the other bridge', async () => {
		const cp = await addCharger('TWOL');
		const old = await connect(cp.identity, cp.password);      // the first bridge
		t.eq((await old.call('BootNotification', bootPayload())).status, 'Accepted', 'the first connection boots at the first bridge');
		await waitFor(() => holder(cp.id) === first, 5000, 'the registry to name the first bridge');
		const ev0 = secEvents(cp.id, 'duplicate_rejected');

		const newer = await rawConnect(cp, base2).catch((e) => ({ error: e.message }));
		let code = null;
		if (!newer.error) {
			newer.send(JSON.stringify([2, 'n1', 'BootNotification', bootPayload()]));
			code = await timeout(newer.closed, 8000, 'second closed').catch(() => null);
		}
		t.check(newer.error || code !== null, 'the newcomer at the second bridge is closed while the first answers', `still open`);
		if (code === null && !newer.error) newer.terminate();
		const hb = await timeout(old.call('Heartbeat', {}), 5000, 'old heartbeat').catch((e) => ({ e: e.message }));
		t.check(hb.currentTime, 'the first connection still works', JSON.stringify(hb));
		t.eq(holder(cp.id), first, 'the registry still names the first bridge');
		t.eq(rows(cp.id), '1', 'one registry row');
		t.check(secEvents(cp.id, 'duplicate_rejected') > ev0, 'a security event is recorded (duplicate_rejected)');
		await closeClient(old);
	});

	await t.step('dead connection at the other bridge', async () => {
		const cp = await addCharger('TWOD');
		const old = await rawConnect(cp, BRIDGE_URL);             // the first bridge
		const b = await rawCall(old, [2, 'b1', 'BootNotification', bootPayload()]);
		t.check(b[0] === 3 && b[2].status === 'Accepted', 'the first connection boots at the first bridge', JSON.stringify(b));
		await waitFor(() => holder(cp.id) === first, 5000, 'the registry to name the first bridge');
		const ev0 = secEvents(cp.id, 'duplicate_replaced');
		old._socket.pause();                                     // dead: reads nothing, answers no ping

		const t0 = Date.now();
		const c = client(cp.identity, cp.password, { endpoint: `${base2}/ocpp` });
		let booted = null;
		try {
			await timeout(c.connect(), 5000, 'connect at the second bridge');
			booted = await timeout(c.call('BootNotification', bootPayload()), 5000 - (Date.now() - t0), 'boot');
		} catch (e) {
			t.diag(e.message);
		}
		const took = Date.now() - t0;
		t.check(booted && booted.status === 'Accepted' && took < 5000,
			`the charger is back through the second bridge within 5 s (took ${(took / 1000).toFixed(1)} s)`, JSON.stringify(booted));
		t.eq(holder(cp.id), node, 'the registry names the second bridge');
		t.eq(rows(cp.id), '1', 'one registry row');
		t.check(secEvents(cp.id, 'duplicate_replaced') > ev0, 'a security event is recorded (duplicate_replaced)');
		const hb = await timeout(c.call('Heartbeat', {}), 5000, 'heartbeat').catch((e) => ({ e: e.message }));
		t.check(hb.currentTime, 'the new connection works', JSON.stringify(hb));
		// the first bridge let go of its dead connection: once it reads again it sees the end
		old._socket.resume();
		const code = await timeout(old.closed, 8000, 'old closed').catch(() => null);
		t.check(code !== null, 'the first bridge closed the dead connection (never two sessions)', 'still open');
		if (code === null) old.terminate();
		await sleep(300);
		t.eq(holder(cp.id), node, 'and its closing did not take the registry row from the second bridge');
		await closeClient(c);
	});

	second.kill('SIGTERM');
	const code = await timeout(second.done, 10000, 'second bridge stop').catch(() => null);
	t.check(code === 0, 'the second bridge stops cleanly', `exit ${code}: ${second.err.slice(-300)}`);
});
