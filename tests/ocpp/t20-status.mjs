// t20-status: StatusNotification for connector 0 (the charger) and connectors 1..2, with error
// codes, info and timestamps, verified in the database; events appended; the notifications a
// charger sends about diagnostics, firmware and data transfer are stored too.
import { run, addCharger, bootedClient, closeClient, expectClean, sql, sqlValue, waitFor } from './lib.mjs';

await run(async (t) => {
	const cp = await addCharger('STAT', { connectors: 2 });
	const c = await bootedClient(cp);
	const evBefore = +sqlValue(`SELECT count(*) FROM events WHERE charge_point_id = :'id' AND kind = 'status'`, { id: cp.id });

	await t.step('status changes', async () => {
		const ts0 = '2024-05-01T10:00:00.000Z';
		await c.call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available', timestamp: ts0 });
		let [row] = sql(`SELECT status, error_code, to_char(status_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') FROM charge_points WHERE id = :'id'`, { id: cp.id });
		t.eq(row.join(' '), 'Available NoError 2024-05-01T10:00:00', 'connector 0: the charger row has status, error code and the charger\'s timestamp');

		await c.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: ts0 });
		await c.call('StatusNotification', { connectorId: 2, errorCode: 'NoError', status: 'Available', timestamp: ts0 });
		const conn = () => sql(`SELECT connector_id, status, error_code, coalesce(status_info, '-') FROM connectors WHERE listing_id = :'l' ORDER BY 1`, { l: cp.listingId }).map((r) => r.join(' '));
		t.eq(conn().join(', '), '1 Available NoError -, 2 Available NoError -', 'connectors 1 and 2 Available');

		for (const st of ['Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Reserved', 'Unavailable', 'Available']) {
			await c.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: st, timestamp: new Date().toISOString() });
			t.eq(sqlValue(`SELECT status FROM connectors WHERE listing_id = :'l' AND connector_id = 1`, { l: cp.listingId }), st, `connector 1 goes ${st}`);
		}
		await c.call('StatusNotification', { connectorId: 2, errorCode: 'GroundFailure', status: 'Faulted', info: 'RCD tripped', vendorId: 'Solax', vendorErrorCode: 'E42', timestamp: new Date().toISOString() });
		t.eq(conn()[1], '2 Faulted GroundFailure RCD tripped', 'connector 2 Faulted with error code GroundFailure and info');
		await c.call('StatusNotification', { connectorId: 0, errorCode: 'OtherError', status: 'Faulted', timestamp: new Date().toISOString() });
		[row] = sql(`SELECT status, error_code FROM charge_points WHERE id = :'id'`, { id: cp.id });
		t.eq(row.join(' '), 'Faulted OtherError', 'connector 0 Faulted with OtherError');
		// without a timestamp (it is optional): the time of receipt
		await c.call('StatusNotification', { connectorId: 2, errorCode: 'NoError', status: 'Available' });
		const age = +sqlValue(`SELECT extract(epoch FROM now() - status_at) FROM connectors WHERE listing_id = :'l' AND connector_id = 2`, { l: cp.listingId });
		t.check(Math.abs(age) < 30, 'a status without a timestamp is stamped on receipt', `age ${age} s`);
		// a connector the listing does not have is still answered
		await c.call('StatusNotification', { connectorId: 5, errorCode: 'NoError', status: 'Available' });
		t.ok('a status for a connector the listing does not have is answered');

		await waitFor(() => +sqlValue(`SELECT count(*) FROM events WHERE charge_point_id = :'id' AND kind = 'status'`, { id: cp.id }) - evBefore >= 15, 3000, 'status events');
		t.ok('every status change is appended to the events');
		const ev = JSON.parse(sqlValue(`SELECT data FROM events WHERE charge_point_id = :'id' AND kind = 'status' AND data->>'status' = 'Faulted' AND (data->>'connectorId')::int = 2`, { id: cp.id }));
		t.check(ev.errorCode === 'GroundFailure', 'the status event carries the connector, status and error code', JSON.stringify(ev));
	});

	await t.step('other notifications', async () => {
		await c.call('DiagnosticsStatusNotification', { status: 'Uploaded' });
		await c.call('FirmwareStatusNotification', { status: 'Installed' });
		const [row] = sql(`SELECT diagnostics_status, firmware_status FROM charge_points WHERE id = :'id'`, { id: cp.id });
		t.eq(row.join(' '), 'Uploaded Installed', 'DiagnosticsStatusNotification and FirmwareStatusNotification are stored');
		const r = await c.call('DataTransfer', { vendorId: 'com.example', messageId: 'hello', data: '{"a":1}' });
		t.check(['Accepted', 'UnknownVendorId', 'UnknownMessageId', 'Rejected'].includes(r.status), `DataTransfer is answered (${r.status})`, JSON.stringify(r));
		t.eq(sqlValue(`SELECT count(*) FROM ocpp_data_transfers WHERE charge_point_id = :'id' AND vendor_id = 'com.example' AND data = '{"a":1}'`, { id: cp.id }), '1', 'DataTransfer is recorded as sent');
	});

	await t.step('raw log: a CALL and its answer are one row', async () => {
		await c.call('DataTransfer', { vendorId: 'com.example', messageId: 'rawlog', data: 'x' });
		await c.call('StatusNotification', { connectorId: -1, errorCode: 'NoError', status: 'Available' }).catch(() => {});
		// (the raw log is written every quarter of a second)
		const rows = () => sql(`SELECT action, direction, message_type, answer_type, payload, answer FROM ocpp_messages
		                        WHERE charge_point_id = :'id' AND (payload LIKE '%rawlog%' OR payload LIKE '%"connectorId":-1%')
		                        ORDER BY id`, { id: cp.id });
		await waitFor(() => rows().length >= 2, 3000, 'raw log rows');
		const [dt, bad] = rows();
		t.eq(dt.slice(0, 4).join(' '), 'DataTransfer in 2 3', 'the CALL row carries its CALLRESULT');
		t.check(JSON.parse(dt[5]).status === 'UnknownVendorId', 'the answer payload is the CALLRESULT\'s', dt[5]);
		t.eq(bad.slice(0, 4).join(' '), 'StatusNotification in 2 4', 'the CALL row carries its CALLERROR');
		t.check(JSON.parse(bad[5]).errorCode === 'PropertyConstraintViolation', 'the answer payload is the CALLERROR\'s', bad[5]);
		t.eq(sqlValue(`SELECT count(*) FROM ocpp_messages WHERE charge_point_id = :'id' AND direction = 'out' AND message_type <> 2`, { id: cp.id }), '0',
		    'no answer to a CALL is a row of its own');
	});

	expectClean(t, c, 'every answer passes strict schema validation');
	await closeClient(c);
});
