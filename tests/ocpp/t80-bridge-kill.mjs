// t80-bridge-kill: the bridge killed with -9 in the middle of transactions and started again
// while the chargers replay what got no answer. Nothing acknowledged is lost, nothing replayed is
// stored twice.
//  1. one ocpp-rpc charger, step by step: start, meter values, kill, what it kept (including a
//     MeterValues whose answer it never heard) sent again after the restart, stop
//  2. evshare-sim with 10 chargers sending meter values every second, the bridge killed and
//     restarted under them: acknowledged messages = rows in the database
import { run, addCharger, addIdTag, client, bootPayload, closeClient, sql, sqlValue, sleep, timeout,
	killBridge, startBridge, addChargersBulk, background, SIM, OCPP_ENDPOINT, simStats, dbCounts, checkAcked, waitFor } from './lib.mjs';
import { randomBytes } from 'node:crypto';

const iso = (ms) => new Date(ms).toISOString();

await run(async (t) => {
	await t.step('one charger replays after kill -9', async () => {
		const cp = await addCharger('KILL');
		const tag = addIdTag('KIL');
		let c = client(cp.identity, cp.password);
		await timeout(c.connect(), 8000, 'connect');
		await c.call('BootNotification', bootPayload());
		const t0 = Date.now() - 30000;
		const { transactionId: tx } = await c.call('StartTransaction', { connectorId: 1, idTag: tag, meterStart: 1000, timestamp: iso(t0) });
		const mv = (i) => ({ connectorId: 1, transactionId: tx, meterValue: [{ timestamp: iso(t0 + i * 1000), sampledValue: [
			{ value: String(1000 + i * 10), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
			{ value: '11000', context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'W' }] }] });
		for (let i = 1; i <= 3; i++) await c.call('MeterValues', mv(i));

		const t1 = Date.now();
		await killBridge();
		await timeout(new Promise((r) => (c.state === 3 ? r() : c.once('close', r))), 5000, 'the client to see the end').catch(() => {});
		await closeClient(c);
		// while the bridge is down the charger keeps charging and keeps its messages
		await startBridge();
		t.diag(`bridge killed and back in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

		c = client(cp.identity, cp.password);
		await waitFor(async () => { try { await timeout(c.connect(), 2000, 'connect'); return true; } catch { return false; } }, 10000, 'reconnect', 300);
		t.eq((await c.call('BootNotification', bootPayload())).status, 'Accepted', 'the charger reconnects and boots after the restart');
		// MeterValues 3 was answered, but say the answer was lost: it comes again, with 4..6
		for (let i = 3; i <= 6; i++) await c.call('MeterValues', mv(i));
		const stop = { transactionId: tx, idTag: tag, meterStop: 1060, timestamp: iso(t0 + 7000), reason: 'Local' };
		await c.call('StopTransaction', stop);
		await c.call('StopTransaction', stop);
		const [row] = sql(`SELECT meter_stop_wh, stop_reason FROM transactions WHERE ocpp_tx_id = :'tx'`, { tx });
		t.eq(row?.join(' '), '1060 Local', 'the transaction started before the kill is stopped after it');
		const samples = sql(`SELECT value FROM meter_values WHERE transaction_id = (SELECT id FROM transactions WHERE ocpp_tx_id = :'tx') AND measurand = 'Energy.Active.Import.Register' ORDER BY sampled_at`, { tx }).map((r) => r[0]);
		t.eq(samples.join(','), '1010,1020,1030,1040,1050,1060', 'every meter value is there once: before, across and after the kill');
		t.eq(sqlValue(`SELECT count(*) FROM transactions WHERE charge_point_id = :'id'`, { id: cp.id }), '1', 'one transaction, however often it was replayed');
		await closeClient(c);
	});

	await t.step('simulator under kill -9', async () => {
		const prefix = `T-SK${randomBytes(3).toString('hex')}-`;
		const pw = `sim-kill-${randomBytes(8).toString('hex')}`;
		const tag = addIdTag('SIMK');
		await addChargersBulk(prefix, 40, pw);
		const sim = background(SIM, ['--url', OCPP_ENDPOINT, '--prefix', prefix, '--count', '40', '--password', pw,
			'--id-tag', tag, '--connectors', '2', '--meter-interval', '1', '--session', '6', '--idle', '1',
			'--duration', '24', '--drain', '20', '--call-timeout', '5', '--reconnect-max', '2', '--stats', '--progress', '1']);
		await sleep(8000);
		const before = simStats(sim.err.split('\n').filter((l) => l.startsWith('# t=')).pop()?.replace(/^# /, '').replace(/ /g, '\n') || '');
		await killBridge();
		await sleep(1000);
		await startBridge();
		const code = await timeout(sim.done, 70000, 'the simulator to finish');
		t.eq(code, 0, 'the simulator finishes');
		const st = simStats(sim.out);
		t.diag(`simulator: ${sim.out.trim().split('\n').join(' ')}`);
		t.check(st.disconnects >= 40 && st.connections >= 80, 'every charger was cut off and came back', `connections=${st.connections} disconnects=${st.disconnects}`);
		t.check(st.callresults_ok > (before.callresults_ok || 0) + 100, 'the chargers carried on after the restart', `before ${before.callresults_ok}, end ${st.callresults_ok}`);
		t.check(st.acked_StartTransaction >= 40 && st.acked_MeterValues >= 400, 'transactions and meter values were acknowledged', JSON.stringify(st));
		checkAcked(t, st, dbCounts(prefix), 'after kill -9');
		t.eq(st.transactions_started, st.transactions_stopped, 'every transaction that started was stopped');
	});
});
