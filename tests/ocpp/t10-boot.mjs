// t10-boot: connecting and booting, through the bridge and through the web server's proxy.
//  cold boot Accepted (interval, charger row, registry row, events), Pending boot (no listing, and
//  a listing awaiting review), CALL before the boot is accepted (SecurityError), heartbeat,
//  disconnect clears the registry row at once.
import { run, addCharger, connect, bootPayload, closeClient, expectClean, sql, sqlValue, waitFor,
	PROXY_ENDPOINT, sleep } from './lib.mjs';

const codeOf = (e) => e?.rpcErrorCode || e?.code || String(e);

await run(async (t) => {
	await t.step('cold boot', async () => {
		const cp = await addCharger('BOOT');
		const c = await connect(cp.identity, cp.password);
		const t0 = Date.now();
		const r = await c.call('BootNotification', bootPayload({
			chargePointVendor: 'Solax', chargePointModel: 'X3-HAC', chargePointSerialNumber: 'SX123',
			firmwareVersion: 'V1.2.3', meterType: 'EM340', meterSerialNumber: 'M-77', iccid: '8942', imsi: '2300',
		}));
		t.eq(r.status, 'Accepted', 'cold boot of an approved charger: Accepted');
		t.check(Number.isInteger(r.interval) && r.interval > 0, 'boot answer carries a heartbeat interval', JSON.stringify(r));
		t.check(Math.abs(Date.parse(r.currentTime) - t0) < 60000 && /Z$/.test(r.currentTime), 'boot answer carries the current time in UTC', r.currentTime);
		const [row] = sql(`SELECT vendor, model, serial_number, firmware_version, meter_type, meter_serial, iccid, imsi,
		                          boot_state, online, heartbeat_interval, last_boot_at IS NOT NULL
		                   FROM charge_points WHERE identity = :'i'`, { i: cp.identity });
		t.eq(JSON.stringify(row), JSON.stringify(['Solax', 'X3-HAC', 'SX123', 'V1.2.3', 'EM340', 'M-77', '8942', '2300', 'accepted', 't', String(r.interval), 't']),
			'vendor, model, serial, firmware, meter, boot state, interval and online are stored');
		const reg = sqlValue(`SELECT count(*) FROM charge_point_connections WHERE charge_point_id = :'id'`, { id: cp.id });
		t.eq(reg, '1', 'the connection registry has a row for the charger');
		const ev = sql(`SELECT kind FROM events WHERE charge_point_id = :'id' ORDER BY id`, { id: cp.id }).map((x) => x[0]);
		t.check(ev.includes('connect') && ev.includes('boot'), 'connect and boot events are appended', ev.join(','));

		const seenBefore = sqlValue(`SELECT extract(epoch FROM last_seen_at) FROM charge_points WHERE id = :'id'`, { id: cp.id });
		await sleep(1100);
		const hb = await c.call('Heartbeat', {});
		t.check(Math.abs(Date.parse(hb.currentTime) - Date.now()) < 60000, 'Heartbeat answered with the current time', JSON.stringify(hb));
		await waitFor(() => +sqlValue(`SELECT extract(epoch FROM last_seen_at) FROM charge_points WHERE id = :'id'`, { id: cp.id }) > +seenBefore, 5000, 'last_seen_at');
		t.ok('Heartbeat moves last_seen_at');
		expectClean(t, c, 'every answer passes strict schema validation');

		await closeClient(c);
		await waitFor(() => sqlValue(`SELECT count(*) FROM charge_point_connections WHERE charge_point_id = :'id'`, { id: cp.id }) === '0', 3000, 'registry row gone');
		t.ok('a disconnect clears the registry row at once');
		await waitFor(() => sqlValue(`SELECT count(*) FROM events WHERE charge_point_id = :'id' AND kind = 'disconnect'`, { id: cp.id }) === '1', 3000, 'disconnect event');
		t.ok('a disconnect event is appended');
	});

	await t.step('pending boot without a listing', async () => {
		const cp = await addCharger('PEND', { listing: 'none' });
		const c = await connect(cp.identity, cp.password);
		const r = await c.call('BootNotification', bootPayload());
		t.eq(r.status, 'Pending', 'a charger without a listing boots Pending');
		t.check(r.interval > 0, 'Pending carries an interval to retry after', JSON.stringify(r));
		t.eq(sqlValue(`SELECT boot_state FROM charge_points WHERE id = :'id'`, { id: cp.id }), 'pending', 'boot_state pending is stored');
		try {
			await c.call('Heartbeat', {});
			t.notOk('a Heartbeat from a Pending charger is refused with SecurityError', 'it was answered');
		} catch (e) {
			t.eq(codeOf(e), 'SecurityError', 'a Heartbeat from a Pending charger is refused with SecurityError');
		}
		expectClean(t, c, 'Pending answers pass strict schema validation');
		await closeClient(c);
	});

	await t.step('pending boot with a listing awaiting review', async () => {
		const cp = await addCharger('PENDL', { listing: 'pending' });
		const c = await connect(cp.identity, cp.password);
		const r = await c.call('BootNotification', bootPayload());
		t.eq(r.status, 'Pending', 'a charger whose listing is not approved yet boots Pending');
		// approval: the next boot is Accepted
		sql(`UPDATE listings SET state = 'approved', approved_at = now() WHERE id = :'l'`, { l: cp.listingId });
		const r2 = await c.call('BootNotification', bootPayload());
		t.eq(r2.status, 'Accepted', 'once the listing is approved the next boot is Accepted');
		await closeClient(c);
	});

	await t.step('call before boot', async () => {
		const cp = await addCharger('NOBOOT');
		const c = await connect(cp.identity, cp.password);
		for (const [action, payload] of [
			['Heartbeat', {}],
			['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' }],
			['StartTransaction', { connectorId: 1, idTag: 'X', meterStart: 0, timestamp: new Date().toISOString() }],
		]) {
			try {
				await c.call(action, payload);
				t.notOk(`${action} before BootNotification: SecurityError`, 'it was answered');
			} catch (e) {
				t.eq(codeOf(e), 'SecurityError', `${action} before BootNotification: SecurityError`);
			}
		}
		t.eq(sqlValue(`SELECT count(*) FROM transactions WHERE charge_point_id = :'id'`, { id: cp.id }), '0', 'nothing is stored for a CALL before the boot');
		const r = await c.call('BootNotification', bootPayload());
		t.eq(r.status, 'Accepted', 'the same connection boots afterwards');
		await closeClient(c);
	});

	await t.step('through the web server proxy', async () => {
		const cp = await addCharger('PROXY');
		const c = await connect(cp.identity, cp.password, { endpoint: PROXY_ENDPOINT });
		const r = await c.call('BootNotification', bootPayload());
		t.eq(r.status, 'Accepted', `boot through the web server's /ocpp/ proxy (${PROXY_ENDPOINT}) is Accepted`);
		const hb = await c.call('Heartbeat', {});
		t.check(!!hb.currentTime, 'Heartbeat through the proxy');
		await closeClient(c);
	});
});
