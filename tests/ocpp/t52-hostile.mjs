// t52-hostile: what a hostile charger sends that passes the schemas but must not be taken as it
// comes. An action name with a line feed and a forged log line: answered NotImplemented, and
// bridge.log gets one escaped line, no forged one. A CALLERROR code that is not OCPP 1.6's
// ("<script>") is stored as GenericError (the code sent kept in the description), a long
// description is cut on a character boundary; a real code is stored as sent. A MeterValues
// register of -99999999999999999999 Wh (or any negative reading, or one above 9e15 Wh) is
// refused as a negative meterStop is, and nothing of the message is stored; so is such a
// register in StopTransaction's transactionData. Sampled values are stored as the nearest double
// ("0.3" is 0.3, not 0.30000000000000004).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run, addCharger, rawConnect, bootPayload, command, sql, sqlValue, sleep, timeout, waitFor, VAR } from './lib.mjs';

const BRIDGE_LOG = path.join(VAR, 'log/bridge.log');

// A raw socket with an inbox: next() resolves with the next frame from the bridge.
async function charger(cp) {
	const ws = await rawConnect(cp);
	const inbox = [], waiters = [];
	ws.on('message', (d) => {
		const m = JSON.parse(d.toString());
		const w = waiters.shift();
		if (w) w(m); else inbox.push(m);
	});
	ws.next = (ms = 5000) => (inbox.length ? Promise.resolve(inbox.shift())
		: timeout(new Promise((r) => waiters.push(r)), ms, 'a frame from the bridge'));
	ws.call = (frame, ms) => { ws.send(JSON.stringify(frame)); return ws.next(ms); };
	return ws;
}

await run(async (t) => {
	const cp = await addCharger('HOST');
	const ws = await charger(cp);
	const boot = await ws.call([2, 'b1', 'BootNotification', bootPayload()]);
	if (boot[0] !== 3 || boot[2].status !== 'Accepted') throw new Error(`boot: ${JSON.stringify(boot)}`);
	const iso = () => new Date().toISOString();

	await t.step('log injection through the action name', async () => {
		// (the bridge quotes at most 60 bytes of an unknown action's name: the forged line is short)
		const run = Math.random().toString(36).slice(2, 8);
		const forged = 'Z ocpp-bridge[1] INFO a:1 account 1 logged in';
		// separator sent, its name, how the log must write it
		const seps = [['\n', 'lf', 'LF', '\\n'], ['\r', 'cr', 'CR', '\\r'], ['\r\n', 'crlf', 'CR LF', '\\r\\n'],
			['\u2028', 'u2028', 'U+2028', '\\xe2\\x80\\xa8']];
		for (const [sep, kind, name] of seps) {
			const uid = `inj-${kind}-${run}`;
			const m = await ws.call([2, uid, `X${sep}${forged}`, {}]);
			t.check(m[0] === 4 && m[1] === uid && m[2] === 'NotImplemented', `an action name with ${name} and a log line in it: CALLERROR NotImplemented`, JSON.stringify(m));
		}
		// the bridge writes its lines as it goes: wait for the last one
		const text = await waitFor(() => {
			const all = readFileSync(BRIDGE_LOG, 'utf8');
			return all.includes(`inj-u2028-${run}`) ? all : null;
		}, 5000, 'the bridge to log the CALLERRORs');
		const lines = text.split('\n');
		const real = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ocpp-bridge\[\d+\] (INFO|WARN|ERROR|DEBUG) \S+:\d+ /;
		for (const [, kind, name, escaped] of seps) {
			const mine = lines.filter((l) => l.includes(`inj-${kind}-${run}`));
			t.check(mine.length === 1 && real.test(mine[0]) && mine[0].includes(`'X${escaped}${forged}'`),
				`the refused call with ${name} is one line, the name in it escaped (${escaped})`, mine.join(' | ').slice(0, 300));
		}
		const forgedLines = lines.filter((l) => l.includes('account 1 logged in') && !real.test(l));
		t.check(forgedLines.length === 0, 'no line of bridge.log starts with the forged text', forgedLines.join(' | ').slice(0, 300));
		t.check(!text.split(/\r|\n|\u2028/).some((l) => l.startsWith(forged)),
			'nothing in bridge.log, split at any line break (CR, LF, U+2028), begins with the forged text');
	});

	await t.step('CALLERROR codes', async () => {
		const answer = async (code, desc) => {
			const pending = command(cp.identity, 'Reset', { type: 'Soft' }, { timeoutS: 10 });
			const call = await ws.next(10000);
			if (call[0] !== 2 || call[2] !== 'Reset') throw new Error(`expected the Reset CALL, got ${JSON.stringify(call)}`);
			ws.send(JSON.stringify([4, call[1], code, desc, { why: 'test' }]));
			const r = await pending;
			const [row] = sql(`SELECT state, error_code, error_description FROM ocpp_commands
			                   WHERE charge_point_id = :'id' AND message_id = :'mid'`, { id: cp.id, mid: call[1] });
			return { r, row };
		};
		let { r, row } = await answer('<script>alert(1)</script>', 'boom');
		t.eq(r.state, 'error', 'a CALLERROR ends the command in error');
		t.eq(row?.[1], 'GenericError', 'a code OCPP 1.6 does not have is stored as GenericError');
		t.check(row?.[2]?.includes("'<script>alert(1)</script>'") && row?.[2]?.endsWith('boom'), 'the code sent is kept in the description, then the description', row?.[2]);

		const long = 'é'.repeat(400);     // 800 bytes of two-byte characters
		({ row } = await answer('NotSupported', long));
		t.eq(row?.[1], 'NotSupported', 'an OCPP 1.6 code is stored as sent');
		t.check(row?.[2] && Buffer.byteLength(row[2]) <= 500 && Buffer.byteLength(row[2]) >= 498 && /^é+$/.test(row[2]),
			'a long description is cut to at most 500 bytes, between characters', `${row?.[2]?.length} characters, ${row?.[2] && Buffer.byteLength(row[2])} bytes`);
		({ row } = await answer('OccurrenceConstraintViolation', 'x'));
		t.eq(row?.[1], 'GenericError', 'a misspelt code (1.6 spells it Occurence) is GenericError');
		t.eq(sqlValue(`SELECT count(*) FROM ocpp_commands WHERE charge_point_id = :'id' AND error_code LIKE '%<%'`, { id: cp.id }), '0', 'no stored code holds markup');
	});

	await t.step('meter registers', async () => {
		const stored = () => sqlValue(`SELECT count(*) FROM meter_values WHERE charge_point_id = :'id'`, { id: cp.id });
		const before = stored();
		const mv = (sampledValue) => ({ connectorId: 1, meterValue: [{ timestamp: iso(), sampledValue }] });
		for (const [what, sv] of [
			['-99999999999999999999 Wh', [{ value: '-99999999999999999999', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]],
			['-1 Wh (the default measurand)', [{ value: '-1' }]],
			['-0.5 kvarh of a reactive register', [{ value: '-0.5', measurand: 'Energy.Reactive.Import.Register', unit: 'kvarh' }]],
			['1e20 Wh', [{ value: '230', measurand: 'Voltage', unit: 'V' }, { value: '1e20', measurand: 'Energy.Active.Export.Register' }]],
			['a voltage of 1e300 V', [{ value: '1e300', measurand: 'Voltage', unit: 'V' }]],
		]) {
			const m = await ws.call([2, `mv-${what}`.slice(0, 36), 'MeterValues', mv(sv)]);
			t.check(m[0] === 4 && m[2] === 'PropertyConstraintViolation' && /\/meterValue\/0\/sampledValue\/\d\/value/.test(m[3]),
				`a MeterValues with ${what}: CALLERROR PropertyConstraintViolation naming the value`, JSON.stringify(m));
		}
		t.eq(stored(), before, 'none of those values was stored');
		const neg = await ws.call([2, 'stop-neg', 'StopTransaction', { transactionId: 1, meterStop: -5, timestamp: iso() }]);
		t.check(neg[0] === 4 && neg[2] === 'PropertyConstraintViolation', 'as a negative meterStop is refused', JSON.stringify(neg));
		const td = await ws.call([2, 'stop-td', 'StopTransaction', { transactionId: 1, meterStop: 5, timestamp: iso(),
			transactionData: [{ timestamp: iso(), sampledValue: [{ value: '-99999999999999999999', context: 'Transaction.End' }] }] }]);
		t.check(td[0] === 4 && td[2] === 'PropertyConstraintViolation' && td[3].startsWith('/transactionData/0/sampledValue/0/value'),
			'a negative register in StopTransaction\'s transactionData is refused too', JSON.stringify(td));

		const ok = await ws.call([2, 'mv-ok', 'MeterValues', mv([
			{ value: '0.3', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
			{ value: '7.36', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
			{ value: '-7400', measurand: 'Power.Active.Import', unit: 'W' },
			{ value: '15.123456', measurand: 'Voltage', unit: 'V', phase: 'L1-N' },
		])]);
		t.check(ok[0] === 3, 'a MeterValues of sane values is answered', JSON.stringify(ok));
		const rows = sql(`SELECT measurand, value::text FROM meter_values WHERE charge_point_id = :'id' ORDER BY measurand`, { id: cp.id }).map((x) => x.join(' '));
		t.eq(rows.join(', '), 'Current.Import 7.36, Energy.Active.Import.Register 300, Power.Active.Import -7400, Voltage 15.123456',
			'values are stored as sent, no float garbage (7.36, not 7.359999999999999)');
	});

	ws.terminate();
	await sleep(100);
});
