// t85-pg-restart: PostgreSQL stopped and started again under load (evshare-sim, 20 chargers,
// meter values every second). While the database is away the bridge acknowledges nothing it could
// not store; it reconnects with back-off and carries on; afterwards every acknowledged message is
// in the database, once.
import { run, addIdTag, sleep, timeout, instance, addChargersBulk, background, SIM, OCPP_ENDPOINT,
	simStats, dbCounts, checkAcked, waitFor, sqlValue, bridgePid } from './lib.mjs';
import { randomBytes } from 'node:crypto';

const progress = (sim) => {
	const l = sim.err.split('\n').filter((x) => x.startsWith('# t=')).pop() || '';
	return Object.fromEntries(l.replace(/^# /, '').split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
};

await run(async (t) => {
	const prefix = `T-PG${randomBytes(3).toString('hex')}-`;
	const pw = `sim-pg-${randomBytes(8).toString('hex')}`;
	const tag = addIdTag('SIMPG');
	await addChargersBulk(prefix, 20, pw);
	const bridge = bridgePid();
	const sim = background(SIM, ['--url', OCPP_ENDPOINT, '--prefix', prefix, '--count', '20', '--password', pw,
		'--id-tag', tag, '--connectors', '2', '--meter-interval', '1', '--session', '8', '--idle', '1',
		'--duration', '40', '--drain', '30', '--call-timeout', '10', '--reconnect-max', '2', '--stats', '--progress', '1']);

	await t.step('postgres restart', async () => {
		await sleep(8000);
		const r = await instance('pg-stop');
		t.eq(r.code, 0, 'PostgreSQL stopped under load');
		// what was committed before the stop may still be answered in the next moment
		await sleep(1500);
		const atStop = progress(sim);
		await sleep(5000);
		const during = progress(sim);
		t.diag(`while PostgreSQL was down: ${during.callresults_ok - atStop.callresults_ok} CALLRESULTs, ${during.callerrors - atStop.callerrors} CALLERRORs`);
		t.eq(during.acked_durable - atStop.acked_durable, 0, 'while PostgreSQL is down no StartTransaction, StopTransaction or MeterValues is acknowledged');
		const r2 = await instance('pg-start');
		t.eq(r2.code, 0, 'PostgreSQL started again');
		await waitFor(() => progress(sim).callresults_ok > during.callresults_ok + 50, 20000, 'answers after the restart');
		t.ok('the bridge carries on once PostgreSQL is back');
		t.check(bridge && bridgePid() === bridge, 'the bridge process survived (it reconnected, it did not crash)', `pid ${bridge} -> ${bridgePid()}`);
	});

	const code = await timeout(sim.done, 80000, 'the simulator to finish');
	t.eq(code, 0, 'the simulator finishes');
	const st = simStats(sim.out);
	t.diag(`simulator: ${sim.out.trim().split('\n').join(' ')}`);
	t.check(st.acked_MeterValues > 200 && st.acked_StartTransaction >= 20, 'meter values and transactions were acknowledged', JSON.stringify(st));
	checkAcked(t, st, dbCounts(prefix), 'after the PostgreSQL restart');
	t.eq(st.transactions_started, st.transactions_stopped, 'every transaction that started was stopped');
	const online = +sqlValue(`SELECT count(*) FROM charge_points WHERE identity LIKE :'p' AND boot_state = 'accepted'`, { p: `${prefix}%` });
	t.eq(online, 20, 'all 20 chargers booted');
});
