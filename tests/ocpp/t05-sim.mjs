// t05-sim: bin/evshare-sim against an independent central system (ocpp-rpc's RPCServer in strict
// mode, which validates every message both ways against the OCPP 1.6 schemas). Needs no bridge:
// it checks the simulator that the benchmark and `make run` rely on.
//  - busy chargers: boot (one Pending first), heartbeat, status 0..n, Authorize, Start, MeterValues
//    (Wh and kWh, power, current per phase, voltage), Stop with transactionData, counts that match
//  - a CALL left unanswered when the connection drops is sent again, same unique id
//  - every server-to-charger command answered, accepted and rejected cases
//  - the summary's phases: ramp, --warmup, steady window, stop, each answer in exactly one; the
//    progress lines per interval, and the steady window's worst interval p99
import { run, RPCServer, background, freePort, timeout, waitFor, sleep, SIM, isoNow } from './lib.mjs';

const PW = 'sim-test-password-0123';

await run(async (t) => {
	const port = await freePort();
	const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
	const violations = [];
	const seen = new Map();       // identity -> { calls: [{method, params, messageId}], client }
	const txs = new Map();        // transactionId -> { identity, start, stop }
	let nextTx = 1000;
	let pendingOnce = true;       // SIMT-004 is told Pending once
	let dropOnce = true;          // SIMT-002's first MeterValues gets no answer, the socket drops
	let dropped = null;
	let badAuth = 0;

	server.auth((accept, reject, hs) => {
		if (hs.password?.toString() !== PW) { badAuth++; reject(401); return; }
		accept();
	});
	server.on('client', (c) => {
		const id = c.identity;
		if (!seen.has(id)) seen.set(id, { calls: [], boots: 0 });
		const rec = seen.get(id);
		rec.client = c;
		c.on('strictValidationFailure', (e) => violations.push(`${id} ${e.method}: ${e.error?.message}`));
		c.handle(({ method, params, messageId }) => {
			rec.calls.push({ method, params, messageId, at: Date.now() });
			switch (method) {
			case 'BootNotification':
				rec.boots++;
				if (id === 'SIMT-004' && pendingOnce) {
					pendingOnce = false;
					return { status: 'Pending', interval: 1, currentTime: isoNow() };
				}
				return { status: 'Accepted', interval: 2, currentTime: isoNow() };
			case 'Heartbeat': return { currentTime: isoNow() };
			case 'Authorize': return { idTagInfo: { status: 'Accepted' } };
			case 'StartTransaction': {
				const tx = nextTx++;
				txs.set(tx, { identity: id, start: params });
				return { transactionId: tx, idTagInfo: { status: 'Accepted' } };
			}
			case 'StopTransaction': {
				const tx = txs.get(params.transactionId);
				if (tx) tx.stop = params;
				return { idTagInfo: { status: 'Accepted' } };
			}
			case 'MeterValues':
				if (id === 'SIMT-002' && dropOnce) {
					dropOnce = false;
					dropped = messageId;
					rec.calls.pop();
					setTimeout(() => c.close({ code: 1001, force: true }).catch(() => {}), 300);
					return new Promise(() => {});     // never answered
				}
				return {};
			case 'DataTransfer': return { status: 'Accepted' };
			default: return {};
			}
		});
	});
	await server.listen(port, '127.0.0.1');
	const url = `ws://127.0.0.1:${port}/ocpp`;

	// three busy chargers (002..004), two connectors each, sessions of ~4 s, meter values every s
	const busy = background(SIM, ['--url', url, '--count', '3', '--first', '2', '--prefix', 'SIMT-',
		'--password', PW, '--connectors', '2', '--meter-interval', '1', '--session', '4', '--idle', '1',
		'--kwh-every', '2', '--rate', '50', '--duration', '22', '--drain', '10', '--call-timeout', '5',
		'--reconnect-max', '2', '--warmup', '3', '--progress', '2', '--stats']);
	// one quiet charger (001) that only does what it is told
	const quiet = background(SIM, ['--url', url, '--count', '1', '--prefix', 'SIMT-', '--password', PW,
		'--connectors', '2', '--no-sessions', '--duration', '30', '--drain', '5', '--stats']);
	// one with the wrong password: refused, backs off, never gets in
	const wrong = background(SIM, ['--url', url, '--count', '1', '--first', '9', '--prefix', 'SIMT-',
		'--password', 'not-the-password-000', '--duration', '4', '--drain', '1', '--stats']);

	await t.step('quiet charger boots', async () => {
		await waitFor(() => seen.get('SIMT-001')?.calls.some((c) => c.method === 'StatusNotification' && c.params.connectorId === 2), 10000, 'SIMT-001 status');
		t.ok('quiet charger boots and reports connectors 0..2');
	});
	const q = seen.get('SIMT-001')?.client;
	const callQ = (method, params) => timeout(q.call(method, params), 8000, method);
	const lastCall = (method) => { const cs = seen.get('SIMT-001').calls.filter((c) => c.method === method); return cs[cs.length - 1]; };
	const after = (method, since, pred = () => true) => waitFor(() => seen.get('SIMT-001').calls.find((c) => c.method === method && c.at >= since && pred(c.params)), 6000, method);

	if (q) {
		await t.step('commands', async () => {
			let since = Date.now();
			let r = await callQ('RemoteStartTransaction', { connectorId: 1, idTag: 'REMOTE-1' });
			t.eq(r.status, 'Accepted', 'RemoteStartTransaction on a free connector: Accepted');
			const start = await after('StartTransaction', since);
			t.eq(start.params.idTag, 'REMOTE-1', 'RemoteStartTransaction starts a transaction with its idTag');
			await after('StatusNotification', since, (p) => p.connectorId === 1 && p.status === 'Charging');
			r = await callQ('RemoteStartTransaction', { connectorId: 1, idTag: 'REMOTE-2' });
			t.eq(r.status, 'Rejected', 'RemoteStartTransaction on a busy connector: Rejected');
			const txId = [...txs].find(([, v]) => v.identity === 'SIMT-001')?.[0];
			r = await callQ('RemoteStopTransaction', { transactionId: 987654 });
			t.eq(r.status, 'Rejected', 'RemoteStopTransaction of an unknown transaction: Rejected');
			since = Date.now();
			r = await callQ('RemoteStopTransaction', { transactionId: txId });
			t.eq(r.status, 'Accepted', 'RemoteStopTransaction of the running transaction: Accepted');
			const stop = await after('StopTransaction', since);
			t.check(stop.params.transactionId === txId && stop.params.reason === 'Remote', 'it stops with reason Remote', JSON.stringify(stop.params));

			r = await callQ('UnlockConnector', { connectorId: 1 });
			t.eq(r.status, 'Unlocked', 'UnlockConnector: Unlocked');
			since = Date.now();
			r = await callQ('ChangeAvailability', { connectorId: 2, type: 'Inoperative' });
			t.eq(r.status, 'Accepted', 'ChangeAvailability Inoperative: Accepted');
			await after('StatusNotification', since, (p) => p.connectorId === 2 && p.status === 'Unavailable');
			r = await callQ('ChangeAvailability', { connectorId: 2, type: 'Operative' });
			t.eq(r.status, 'Accepted', 'ChangeAvailability Operative: Accepted');
			r = await callQ('ChangeConfiguration', { key: 'HeartbeatInterval', value: '7' });
			t.eq(r.status, 'Accepted', 'ChangeConfiguration HeartbeatInterval: Accepted');
			r = await callQ('ChangeConfiguration', { key: 'NoSuchKey', value: '1' });
			t.eq(r.status, 'NotSupported', 'ChangeConfiguration of an unknown key: NotSupported');
			r = await callQ('ChangeConfiguration', { key: 'NumberOfConnectors', value: '3' });
			t.eq(r.status, 'Rejected', 'ChangeConfiguration of a read-only key: Rejected');
			r = await callQ('GetConfiguration', { key: ['HeartbeatInterval', 'NoSuchKey'] });
			t.check(r.configurationKey?.[0]?.value === '7' && r.unknownKey?.[0] === 'NoSuchKey', 'GetConfiguration: known and unknown keys', JSON.stringify(r));
			r = await callQ('GetConfiguration', {});
			t.check(r.configurationKey?.length >= 5, 'GetConfiguration without keys: all of them', JSON.stringify(r));
			r = await callQ('ClearCache', {});
			t.eq(r.status, 'Accepted', 'ClearCache: Accepted');
			since = Date.now();
			r = await callQ('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 1 });
			t.eq(r.status, 'Accepted', 'TriggerMessage MeterValues: Accepted');
			const mv = await after('MeterValues', since);
			t.eq(mv.params.meterValue[0].sampledValue[0].context, 'Trigger', 'the triggered MeterValues says context Trigger');
			r = await callQ('ReserveNow', { connectorId: 2, expiryDate: new Date(Date.now() + 3600e3).toISOString(), idTag: 'R-1', reservationId: 42 });
			t.eq(r.status, 'Accepted', 'ReserveNow on a free connector: Accepted');
			r = await callQ('ReserveNow', { connectorId: 2, expiryDate: new Date(Date.now() + 3600e3).toISOString(), idTag: 'R-2', reservationId: 43 });
			t.eq(r.status, 'Occupied', 'ReserveNow on a reserved connector: Occupied');
			r = await callQ('CancelReservation', { reservationId: 43 });
			t.eq(r.status, 'Rejected', 'CancelReservation of an unknown reservation: Rejected');
			r = await callQ('CancelReservation', { reservationId: 42 });
			t.eq(r.status, 'Accepted', 'CancelReservation: Accepted');
			r = await callQ('SendLocalList', { listVersion: 3, updateType: 'Full', localAuthorizationList: [{ idTag: 'L-1', idTagInfo: { status: 'Accepted' } }] });
			t.eq(r.status, 'Accepted', 'SendLocalList: Accepted');
			r = await callQ('SendLocalList', { listVersion: 2, updateType: 'Differential' });
			t.eq(r.status, 'VersionMismatch', 'SendLocalList with an older differential version: VersionMismatch');
			r = await callQ('GetLocalListVersion', {});
			t.eq(r.listVersion, 3, 'GetLocalListVersion: the version sent');
			r = await callQ('ClearChargingProfile', {});
			t.eq(r.status, 'Unknown', 'ClearChargingProfile with none set: Unknown');
			r = await callQ('SetChargingProfile', { connectorId: 1, csChargingProfiles: { chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute', chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } } });
			t.eq(r.status, 'Accepted', 'SetChargingProfile: Accepted');
			r = await callQ('ClearChargingProfile', {});
			t.eq(r.status, 'Accepted', 'ClearChargingProfile: Accepted');
			r = await callQ('GetCompositeSchedule', { connectorId: 1, duration: 3600, chargingRateUnit: 'W' });
			t.check(r.status === 'Accepted' && r.chargingSchedule?.chargingRateUnit === 'W', 'GetCompositeSchedule: Accepted with a schedule', JSON.stringify(r));
			r = await callQ('GetCompositeSchedule', { connectorId: 7, duration: 60 });
			t.eq(r.status, 'Rejected', 'GetCompositeSchedule of a connector it does not have: Rejected');
			since = Date.now();
			r = await callQ('GetDiagnostics', { location: 'ftp://diag.example.invalid/upload' });
			t.check(/^diagnostics-SIMT-001/.test(r.fileName || ''), 'GetDiagnostics: a file name', JSON.stringify(r));
			await after('DiagnosticsStatusNotification', since, (p) => p.status === 'Uploaded');
			t.ok('GetDiagnostics is followed by DiagnosticsStatusNotification Uploaded');
			since = Date.now();
			r = await callQ('UpdateFirmware', { location: 'https://fw.example.invalid/fw.bin', retrieveDate: isoNow() });
			t.check(r && Object.keys(r).length === 0, 'UpdateFirmware: {}', JSON.stringify(r));
			await after('FirmwareStatusNotification', since, (p) => p.status === 'Installed');
			t.ok('UpdateFirmware is followed by FirmwareStatusNotification up to Installed');
			r = await callQ('DataTransfer', { vendorId: 'evshare', data: 'ping' });
			t.check(r.status === 'Accepted' && r.data === 'ping', 'DataTransfer for its vendor: Accepted, data echoed', JSON.stringify(r));
			r = await callQ('DataTransfer', { vendorId: 'someone.else' });
			t.eq(r.status, 'UnknownVendorId', 'DataTransfer for another vendor: UnknownVendorId');
			since = Date.now();
			const boots = seen.get('SIMT-001').boots;
			r = await callQ('Reset', { type: 'Soft' });
			t.eq(r.status, 'Accepted', 'Reset: Accepted');
			await waitFor(() => seen.get('SIMT-001').boots > boots, 8000, 'boot after Reset');
			t.ok('after a Reset the charger reconnects and boots again');
		});
	}

	const [busyCode, quietCode, wrongCode] = await timeout(Promise.all([busy.done, quiet.done, wrong.done]), 60000, 'simulators to finish');
	t.eq(busyCode, 0, 'busy simulator exits 0');
	t.eq(quietCode, 0, 'quiet simulator exits 0');
	t.eq(wrongCode, 0, 'simulator with a wrong password exits 0 when its time is up');
	const stats = Object.fromEntries(busy.out.split('\n').filter((l) => l.includes('=')).map((l) => l.split('=')));
	const wstats = Object.fromEntries(wrong.out.split('\n').filter((l) => l.includes('=')).map((l) => l.split('=')));
	t.check(violations.length === 0, 'every message of the simulator passes strict schema validation', violations.slice(0, 5).join('; '));
	t.check(badAuth >= 2 && wstats.connections === '0' && +wstats.connect_errors >= 2, 'a wrong password is refused and retried with back-off', `badAuth=${badAuth} ${JSON.stringify(wstats)}`);

	const busyIds = ['SIMT-002', 'SIMT-003', 'SIMT-004'];
	const all = busyIds.flatMap((id) => (seen.get(id)?.calls || []).map((c) => ({ ...c, id })));
	const count = (m) => all.filter((c) => c.method === m).length;
	t.diag(`server saw: ${['BootNotification', 'Heartbeat', 'StatusNotification', 'Authorize', 'StartTransaction', 'MeterValues', 'StopTransaction'].map((m) => `${m}=${count(m)}`).join(' ')}`);
	t.diag(`simulator: ${busy.out.trim().split('\n').join(' ')}`);
	t.check(seen.get('SIMT-004')?.calls[0]?.method === 'BootNotification' && seen.get('SIMT-004').boots >= 2, 'a Pending charger asks again and gets in', `boots=${seen.get('SIMT-004')?.boots}`);
	t.check(count('Heartbeat') >= 6, 'heartbeats at the interval the server gave (2 s)', `${count('Heartbeat')} heartbeats`);
	t.check(busyIds.every((id) => [0, 1, 2].every((n) => seen.get(id)?.calls.some((c) => c.method === 'StatusNotification' && c.params.connectorId === n))), 'status for connectors 0, 1 and 2 of every charger');
	for (const m of ['StartTransaction', 'MeterValues', 'StopTransaction', 'Authorize', 'Heartbeat', 'StatusNotification', 'BootNotification'])
		t.eq(+stats[`acked_${m}`], count(m), `the simulator's acked_${m} equals what the server answered`);
	t.check(count('StartTransaction') >= 6, 'several transactions ran', `${count('StartTransaction')}`);
	const authBeforeStart = busyIds.every((id) => {
		const cs = seen.get(id)?.calls || [];
		return cs.filter((c) => c.method === 'StartTransaction').every((s) => cs.some((a) => a.method === 'Authorize' && a.params.idTag === s.params.idTag && a.at <= s.at));
	});
	t.check(authBeforeStart, 'every StartTransaction follows an Authorize of its idTag');
	const open = [...txs.values()].filter((x) => busyIds.includes(x.identity) && !x.stop);
	t.check(open.length === 0, 'every transaction is stopped by the end of the run', `${open.length} left open`);
	const stops = [...txs.values()].filter((x) => x.stop && busyIds.includes(x.identity));
	t.check(stops.length > 0 && stops.every((x) => x.stop.meterStop >= x.start.meterStart && x.stop.transactionData?.length === 2), 'StopTransaction: meterStop >= meterStart, with transactionData begin and end');
	t.check(stops.every((x) => x.stop.transactionData[0].timestamp === x.start.timestamp && Math.abs(Date.parse(x.start.timestamp) - Date.now()) < 120000),
		'timestamps are the current UTC time, and transactionData begins at the start', JSON.stringify(stops[0]?.stop));
	const mvs = all.filter((c) => c.method === 'MeterValues');
	const svs = mvs.flatMap((c) => c.params.meterValue.flatMap((m) => m.sampledValue));
	const has = (meas, unit, phase) => svs.some((s) => s.measurand === meas && s.unit === unit && (phase === undefined || s.phase === phase));
	t.check(has('Energy.Active.Import.Register', 'Wh') && has('Energy.Active.Import.Register', 'kWh'), 'energy in Wh from some chargers and in kWh from others');
	t.check(has('Power.Active.Import', 'W') && ['L1', 'L2', 'L3'].every((p) => has('Current.Import', 'A', p)) && has('Voltage', 'V', 'L1-N'), 'power W, current per phase A, voltage V');
	t.check(mvs.every((c) => c.params.transactionId > 0 && txs.has(c.params.transactionId)), 'every periodic MeterValues names its transaction');
	t.eq(+stats.acked_meter_samples, svs.length, 'acked_meter_samples counts the sampled values the server answered');
	const resent = seen.get('SIMT-002')?.calls.find((c) => c.messageId === dropped);
	t.check(dropped && resent && resent.method === 'MeterValues', 'a MeterValues left unanswered when the socket dropped is sent again, same unique id, after the reconnect', `dropped=${dropped}`);
	t.check(+stats.disconnects >= 1 && +stats.connections >= 4, 'the simulator reconnected after the drop', `connections=${stats.connections} disconnects=${stats.disconnects}`);
	t.check(+stats.p50_ms > 0 && +stats.p99_ms >= +stats.p50_ms && +stats.msgs_per_s > 0, 'the summary has p50_ms, p99_ms and msgs_per_s');
	const near = (a, b) => Math.abs(+a - +b) <= 0.25;
	t.check(stats.ramp_from_s === '0.0' && near(stats.warmup_from_s, stats.all_open_at_s) && +stats.warmup_setting_s === 3 &&
		near(stats.steady_from_s, +stats.all_open_at_s + 3) && near(stats.stop_from_s, 22) &&
		near(+stats.steady_s, +stats.stop_from_s - +stats.steady_from_s),
	'phases: ramp from the start, warm-up from the last connection, steady 3 s (--warmup) later until the stop at --duration', JSON.stringify(stats));
	t.eq(['ramp', 'warmup', 'steady', 'stop'].reduce((n, p) => n + +stats[`${p}_answers`], 0), +stats.callresults_ok,
		'every answer counts in exactly one phase');
	t.check(+stats.steady_p50_ms > 0 && +stats.steady_max_ms >= +stats.steady_p99_ms && +stats.steady_worst_interval_p99_ms >= +stats.steady_p50_ms &&
		+stats.steady_worst_interval_s > 0 && +stats.steady_worst_interval_s <= 2.2 && +stats.steady_worst_interval_from_s >= +stats.steady_from_s - 0.05,
	'the steady window has its percentiles and its worst 2 s interval (--progress 2)', JSON.stringify(stats));
	const lines = busy.err.split('\n').filter((l) => /^# t=[0-9.]+s phase=/.test(l));
	const per = lines.map((l) => +l.match(/answers=(\d+)/)[1]);
	t.check(lines.length >= 10 && per.reduce((a, b) => a + b, 0) <= +stats.callresults_ok && per.every((n) => n < +stats.callresults_ok / 3) &&
		['ramp', 'warmup', 'steady'].every((p) => lines.some((l) => l.includes(`phase=${p}`))),
	'progress lines every 2 s count the answers of their own interval, each within one phase', lines.slice(0, 3).join(' / '));
	await server.close({ force: true, awaitPending: false });
});
