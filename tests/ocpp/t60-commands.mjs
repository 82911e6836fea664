// t60-commands: every server-to-charger command of OCPP 1.6 (issue point 5), queued with
// `evshare-admin command IDENTITY ACTION JSON`, answered by an ocpp-rpc charger in strict mode
// (which refuses a CALL from the bridge that breaks the schema): once accepted, once rejected
// (a CALLRESULT saying so, or a CALLERROR for the answers that have no status), and one that
// times out. The command row holds the outcome and the charger's answer; the charger sees the
// payload exactly as queued; only one CALL of ours is ever outstanding.
import { run, addCharger, bootedClient, closeClient, expectClean, command, sql, sleep, waitFor, createRPCError, isoNow, admin } from './lib.mjs';

const later = new Date(Date.now() + 3600e3).toISOString();
const profile = (id, purpose, unit, limit) => ({
	chargingProfileId: id, stackLevel: 0, chargingProfilePurpose: purpose, chargingProfileKind: 'Absolute',
	chargingSchedule: { chargingRateUnit: unit, chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
});

// action: [payload, accepted answer, rejected answer (an object, or an error code to throw)]
const COMMANDS = {
	RemoteStartTransaction: [{ connectorId: 1, idTag: 'T-REMOTE', chargingProfile: { ...profile(1, 'TxProfile', 'A', 16), chargingProfileKind: 'Relative' } }, { status: 'Accepted' }, { status: 'Rejected' }],
	RemoteStopTransaction: [{ transactionId: 123456 }, { status: 'Accepted' }, { status: 'Rejected' }],
	Reset: [{ type: 'Soft' }, { status: 'Accepted' }, { status: 'Rejected' }],
	UnlockConnector: [{ connectorId: 1 }, { status: 'Unlocked' }, { status: 'UnlockFailed' }],
	ChangeAvailability: [{ connectorId: 0, type: 'Inoperative' }, { status: 'Accepted' }, { status: 'Rejected' }],
	ChangeConfiguration: [{ key: 'HeartbeatInterval', value: '120' }, { status: 'Accepted' }, { status: 'Rejected' }],
	GetConfiguration: [{ key: ['HeartbeatInterval', 'Nope'] }, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '120' }], unknownKey: ['Nope'] }, 'NotSupported'],
	ClearCache: [{}, { status: 'Accepted' }, { status: 'Rejected' }],
	TriggerMessage: [{ requestedMessage: 'StatusNotification', connectorId: 1 }, { status: 'Accepted' }, { status: 'Rejected' }],
	ReserveNow: [{ connectorId: 1, expiryDate: later, idTag: 'T-RES', reservationId: 77 }, { status: 'Accepted' }, { status: 'Occupied' }],
	CancelReservation: [{ reservationId: 77 }, { status: 'Accepted' }, { status: 'Rejected' }],
	SendLocalList: [{ listVersion: 2, updateType: 'Full', localAuthorizationList: [{ idTag: 'L-1', idTagInfo: { status: 'Accepted' } }] }, { status: 'Accepted' }, { status: 'Failed' }],
	GetLocalListVersion: [{}, { listVersion: 2 }, 'NotSupported'],
	SetChargingProfile: [{ connectorId: 1, csChargingProfiles: profile(2, 'TxDefaultProfile', 'W', 7400) }, { status: 'Accepted' }, { status: 'Rejected' }],
	ClearChargingProfile: [{ id: 2 }, { status: 'Accepted' }, { status: 'Unknown' }],
	GetCompositeSchedule: [{ connectorId: 1, duration: 3600 }, { status: 'Accepted', connectorId: 1, scheduleStart: isoNow(), chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } }, { status: 'Rejected' }],
	GetDiagnostics: [{ location: 'ftp://diag.example.invalid/upload' }, { fileName: 'diag-1.log' }, 'NotSupported'],
	UpdateFirmware: [{ location: 'https://fw.example.invalid/fw.bin', retrieveDate: isoNow() }, {}, 'NotSupported'],
	DataTransfer: [{ vendorId: 'evshare', messageId: 'ping', data: 'hello' }, { status: 'Accepted', data: 'pong' }, { status: 'Rejected' }],
};

await run(async (t) => {
	const cp = await addCharger('CMD', { connectors: 2 });
	const c = await bootedClient(cp);
	let mode = 'accept';
	let inFlight = 0, maxInFlight = 0;
	const received = [];
	for (const [action, [, acc, rej]] of Object.entries(COMMANDS)) {
		c.handle(action, async ({ params }) => {
			received.push({ action, params });
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			try {
				if (mode === 'hang') return await new Promise(() => {});
				if (mode === 'slow') await sleep(400);
				if (mode === 'reject') {
					if (typeof rej === 'string') throw createRPCError(rej, 'this charger does not do that');
					return rej;
				}
				return acc;
			} finally {
				inFlight--;
			}
		});
	}
	const lastRow = (action) => {
		const [r] = sql(`SELECT state, response::text, error_code, finished_at IS NOT NULL, message_id FROM ocpp_commands
		                 WHERE charge_point_id = :'id' AND action = :'a' ORDER BY id DESC LIMIT 1`, { id: cp.id, a: action });
		return r ? { state: r[0], response: r[1] && JSON.parse(r[1]), error: r[2], finished: r[3] === 't', messageId: r[4] } : null;
	};
	const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
	const sortKeys = (v) => (Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object'
		? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v);

	for (const [action, [payload, acc, rej]] of Object.entries(COMMANDS)) {
		await t.step(action, async () => {
			mode = 'accept';
			received.length = 0;
			let r = await command(cp.identity, action, payload, { timeoutS: 10 });
			let row = lastRow(action);
			t.check(r.code === 0 && row?.state === 'accepted', `${action} accepted by the charger: exit 0, state accepted`, `exit ${r.code}, row ${JSON.stringify(row)}, output ${r.out.slice(0, 200)}`);
			t.check(received.length === 1 && same(sortKeys(received[0].params), sortKeys(payload)), `${action}: the charger got the payload as queued`, JSON.stringify(received));
			t.check(row && same(sortKeys(row.response), sortKeys(acc)), `${action}: the charger's answer is stored`, JSON.stringify(row?.response));

			mode = 'reject';
			r = await command(cp.identity, action, payload, { timeoutS: 10 });
			row = lastRow(action);
			if (typeof rej === 'string') {
				t.check(r.code === 1 && row?.state === 'error' && row.error === rej, `${action} refused with CALLERROR ${rej}: exit 1, state error, code stored`, `exit ${r.code}, row ${JSON.stringify(row)}`);
			} else {
				t.check(r.code === 1 && row?.state === 'rejected' && same(sortKeys(row.response), sortKeys(rej)), `${action} rejected by the charger (${rej.status}): exit 1, state rejected, answer stored`, `exit ${r.code}, row ${JSON.stringify(row)}`);
			}
		});
	}

	await t.step('timeout', async () => {
		mode = 'hang';
		const t0 = Date.now();
		const r = await command(cp.identity, 'ClearCache', {}, { timeoutS: 3 });
		const took = (Date.now() - t0) / 1000;
		const row = lastRow('ClearCache');
		t.check(r.code === 1 && row?.state === 'timeout' && row.finished, 'a command the charger never answers: exit 1, state timeout', `exit ${r.code}, row ${JSON.stringify(row)}`);
		t.check(took >= 2.5 && took < 15, `it times out after its timeout (3 s; took ${took.toFixed(1)} s)`);
		mode = 'accept';
		const r2 = await command(cp.identity, 'ClearCache', {}, { timeoutS: 10 });
		t.eq(r2.code, 0, 'the next command goes through after a timeout');
	});

	await t.step('one outstanding CALL', async () => {
		mode = 'slow';
		inFlight = 0;       // the CALL of the timeout test above is never answered: not counted
		maxInFlight = 0;
		const rs = await Promise.all(['ClearCache', 'GetLocalListVersion', 'TriggerMessage'].map((a) => command(cp.identity, a, COMMANDS[a][0], { timeoutS: 15 })));
		t.check(rs.every((r) => r.code === 0), 'three commands queued at once all succeed', rs.map((r) => r.code).join(','));
		t.eq(maxInFlight, 1, 'the bridge never has two CALLs outstanding to one charger');
	});

	await t.step('invalid payload', async () => {
		mode = 'accept';
		received.length = 0;
		const r = await command(cp.identity, 'Reset', { type: 'Medium' }, { timeoutS: 5 });
		t.check(r.code !== 0 && received.length === 0, 'a command whose payload breaks the schema is refused and never reaches the charger', `exit ${r.code}, received ${JSON.stringify(received)}`);
		const u = await admin(['command', cp.identity, 'MakeCoffee', '{}', '--timeout', '2'], { timeoutMs: 15000 });
		t.check(u.code !== 0, 'an unknown action is refused', `exit ${u.code}`);
	});

	expectClean(t, c, 'every CALL from the bridge passes strict schema validation');
	await closeClient(c);

	await t.step('not connected', async () => {
		const r = await command(cp.identity, 'ClearCache', {}, { timeoutS: 2 });
		t.check(r.code !== 0, 'a command for a charger that is not connected: exit non-zero', `exit ${r.code}: ${r.out.slice(0, 200)}`);
		const row = await waitFor(() => { const x = lastRow('ClearCache'); return x?.finished && x; }, 20000, 'the row to end').catch((e) => ({ e: e.message, row: lastRow('ClearCache') }));
		t.check(['timeout', 'error'].includes(row?.state), 'and its row ends in timeout', JSON.stringify(row));
	});
});
