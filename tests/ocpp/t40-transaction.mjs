// t40-transaction: a full charging session: Authorize, StartTransaction (an id that cannot be
// guessed; a retry gets the same id), MeterValues in Wh and kWh with power, current per phase and
// voltage (stored normalised to Wh, W, A, V), samplings of 220 values sharing one layout,
// MeterValues without, with a zero or with someone else's transaction id (stored without one),
// StopTransaction with meterStop, reason and transactionData; a replayed StopTransaction changes
// nothing; a StopTransaction for an unknown transaction is answered and stores nothing; events.
import { run, addCharger, addIdTag, bootedClient, closeClient, expectClean, sql, sqlValue, waitFor } from './lib.mjs';

const iso = (ms) => new Date(ms).toISOString();

await run(async (t) => {
	const cp = await addCharger('TX', { connectors: 2 });
	const c = await bootedClient(cp);
	const tag = addIdTag('TXD');
	const t0 = Date.now() - 60000;
	let txId;

	await t.step('start', async () => {
		await c.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: iso(t0 - 1000) });
		t.eq((await c.call('Authorize', { idTag: tag })).idTagInfo.status, 'Accepted', 'Authorize before the start: Accepted');
		const start = { connectorId: 1, idTag: tag, meterStart: 1234500, timestamp: iso(t0) };
		const r = await c.call('StartTransaction', start);
		txId = r.transactionId;
		t.check(Number.isInteger(txId) && txId > 0 && r.idTagInfo.status === 'Accepted', 'StartTransaction: a transaction id and Accepted', JSON.stringify(r));
		const [row] = sql(`SELECT id, connector_id, id_tag, meter_start_wh, stopped_at IS NULL, listing_id = :'l', account_id IS NOT NULL
		                   FROM transactions WHERE ocpp_tx_id = :'tx'`, { tx: txId, l: cp.listingId });
		t.eq(row?.slice(1).join(' '), `1 ${tag} 1234500 t t t`, 'the transaction row: connector, tag, meterStart, listing, driver account');
		t.check(String(txId) !== row?.[0], 'the OCPP transaction id is not the row id', `${txId} vs ${row?.[0]}`);
		const r2 = await c.call('StartTransaction', start);
		t.eq(r2.transactionId, txId, 'a retried StartTransaction (same connector, start, tag) gets the same id');
		t.eq(sqlValue(`SELECT count(*) FROM transactions WHERE charge_point_id = :'id'`, { id: cp.id }), '1', 'and no second transaction row');
		// ids cannot be guessed: a second transaction on connector 2 is not the next number
		const other = await c.call('StartTransaction', { connectorId: 2, idTag: tag, meterStart: 10, timestamp: iso(t0 + 5) });
		t.check(Math.abs(other.transactionId - txId) > 1000, 'transaction ids are not sequential', `${txId}, ${other.transactionId}`);
		await c.call('StopTransaction', { transactionId: other.transactionId, meterStop: 10, timestamp: iso(t0 + 6), reason: 'Local' });
		await c.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: iso(t0 + 100) });
	});

	await t.step('meter values', async () => {
		const sample = (ms, energy, unit, extra = []) => ({
			timestamp: iso(ms),
			sampledValue: [
				{ value: energy, context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit },
				...extra,
			],
		});
		let r = await c.call('MeterValues', { connectorId: 1, transactionId: txId, meterValue: [
			sample(t0 + 60000, '1235500', 'Wh', [
				{ value: '11040', context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'W' },
				{ value: '16.1', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
				{ value: '16.0', measurand: 'Current.Import', phase: 'L2', unit: 'A' },
				{ value: '15.9', measurand: 'Current.Import', phase: 'L3', unit: 'A' },
				{ value: '230.5', measurand: 'Voltage', phase: 'L1-N', unit: 'V' },
			]),
		] });
		t.check(r && Object.keys(r).length === 0, 'MeterValues answered {}', JSON.stringify(r));
		r = await c.call('MeterValues', { connectorId: 1, transactionId: txId, meterValue: [
			sample(t0 + 120000, '1236.75', 'kWh', [{ value: '7.4', measurand: 'Power.Active.Import', unit: 'kW' }]),
			sample(t0 + 180000, '1237.5', 'kWh'),
		] });
		// a value without unit is Wh; without measurand it is the energy register
		r = await c.call('MeterValues', { connectorId: 1, transactionId: txId, meterValue: [{ timestamp: iso(t0 + 240000), sampledValue: [{ value: '1238000' }] }] });
		const rows = sql(`SELECT measurand, coalesce(phase, '-'), unit, value FROM meter_values
		                  WHERE transaction_id = (SELECT id FROM transactions WHERE ocpp_tx_id = :'tx') AND context IS DISTINCT FROM 'Transaction.Begin' AND context IS DISTINCT FROM 'Transaction.End'
		                  ORDER BY sampled_at, measurand, phase`, { tx: txId }).map((x) => x.join(' '));
		t.diag(rows.join(' | '));
		const has = (s) => rows.includes(s);
		t.check(has('Energy.Active.Import.Register - Wh 1235500'), 'energy in Wh stored as Wh');
		t.check(has('Energy.Active.Import.Register - Wh 1236750') && has('Energy.Active.Import.Register - Wh 1237500'), 'energy in kWh normalised to Wh (1236.75 kWh = 1236750 Wh)');
		t.check(has('Power.Active.Import - W 11040') && has('Power.Active.Import - W 7400'), 'power in W, and kW normalised to W');
		t.check(has('Current.Import L1 A 16.1') && has('Current.Import L2 A 16') && has('Current.Import L3 A 15.9'), 'current per phase in A');
		t.check(has('Voltage L1-N V 230.5'), 'voltage with its phase in V');
		t.check(has('Energy.Active.Import.Register - Wh 1238000'), 'a value without unit or measurand is the energy register in Wh');
		t.eq(rows.length, 10, 'every sampled value is one row');
		const [loc] = sql(`SELECT location, context FROM meter_values WHERE transaction_id = (SELECT id FROM transactions WHERE ocpp_tx_id = :'tx') AND value = 1235500`, { tx: txId });
		t.eq(loc?.join(' '), 'Outlet Sample.Periodic', 'location and context are kept');

		// a sampling's names (measurands, contexts, phases, locations, units) are stored once per
		// layout: two samplings of 220 values (every measurand on every phase) share one, and
		// every value is there once, replayed or not
		const measurands = ['Energy.Active.Export.Register', 'Energy.Active.Import.Register', 'Energy.Reactive.Export.Register',
			'Energy.Reactive.Import.Register', 'Energy.Active.Export.Interval', 'Energy.Active.Import.Interval',
			'Energy.Reactive.Export.Interval', 'Energy.Reactive.Import.Interval', 'Power.Active.Export', 'Power.Active.Import',
			'Power.Offered', 'Power.Reactive.Export', 'Power.Reactive.Import', 'Power.Factor', 'Current.Import', 'Current.Export',
			'Current.Offered', 'Voltage', 'Frequency', 'Temperature', 'SoC', 'RPM'];
		const phases = ['L1', 'L2', 'L3', 'N', 'L1-N', 'L2-N', 'L3-N', 'L1-L2', 'L2-L3', 'L3-L1'];
		const many = measurands.flatMap((measurand, i) => phases.map((phase, j) => ({ value: String(i * 10 + j), measurand, phase, context: 'Sample.Clock', location: 'Body' })));
		const big = { connectorId: 1, transactionId: txId, meterValue: [
			{ timestamp: iso(t0 + 90000), sampledValue: many }, { timestamp: iso(t0 + 91000), sampledValue: many }] };
		await c.call('MeterValues', big);
		await c.call('MeterValues', big);
		const bigAt = { id: cp.id, a: iso(t0 + 90000), b: iso(t0 + 91000) };
		t.eq(sql(`SELECT count(*), count(DISTINCT layout_id) FROM meter_samplings WHERE charge_point_id = :'id' AND sampled_at IN (:'a', :'b')`, bigAt)[0]?.join(' '),
			'2 1', 'two samplings of the same names share one layout');
		t.eq(sqlValue(`SELECT count(*) FROM meter_layouts WHERE cardinality(measurand) = 220`), '1', 'the layout is stored once');
		t.eq(sqlValue(`SELECT count(*) || ' ' || sum(value) FROM meter_values WHERE charge_point_id = :'id' AND sampled_at IN (:'a', :'b') AND context = 'Sample.Clock' AND location = 'Body'`, bigAt),
			'440 48180', 'a sampling of 220 values is stored whole, once although replayed');

		// replayed MeterValues (the charger did not hear our answer): nothing twice
		await c.call('MeterValues', { connectorId: 1, transactionId: txId, meterValue: [sample(t0 + 60000, '1235500', 'Wh')] });
		t.eq(sqlValue(`SELECT count(*) FROM meter_values WHERE transaction_id = (SELECT id FROM transactions WHERE ocpp_tx_id = :'tx') AND value = 1235500`, { tx: txId }), '1', 'a replayed MeterValues stores nothing twice');
		// the same sampling once more with a value it did not have (twice in the message): that value alone is added, once
		const soc = { value: '42', context: 'Sample.Periodic', measurand: 'SoC', location: 'EV', unit: 'Percent' };
		await c.call('MeterValues', { connectorId: 1, transactionId: txId, meterValue: [sample(t0 + 60000, '1235500', 'Wh', [soc, soc])] });
		const at = sql(`SELECT measurand, location, value FROM meter_values WHERE transaction_id = (SELECT id FROM transactions WHERE ocpp_tx_id = :'tx') AND sampled_at = :'at' ORDER BY measurand, phase`, { tx: txId, at: iso(t0 + 60000) }).map((x) => x.join(' '));
		t.eq(at.length, 7, 'a later message adds to a sampling only the values it did not have', at.join(' | '));
		t.check(at.includes('SoC EV 42'), 'the new value is stored with its measurand and location');
		t.eq(sqlValue(`SELECT data->>'samples' FROM events WHERE charge_point_id = :'id' AND kind = 'meter' ORDER BY id DESC LIMIT 1`, { id: cp.id }), '1', 'its meter event counts the one new value');

		// no transaction id, and transaction id 0: stored for the connector, without a transaction
		await c.call('MeterValues', { connectorId: 2, meterValue: [sample(t0 + 61000, '500', 'Wh')] });
		await c.call('MeterValues', { connectorId: 0, transactionId: 0, meterValue: [sample(t0 + 62000, '0.5', 'kWh')] });
		const loose = sql(`SELECT connector_id, value FROM meter_values WHERE charge_point_id = :'id' AND transaction_id IS NULL ORDER BY sampled_at`, { id: cp.id }).map((x) => x.join(':'));
		t.eq(loose.join(' '), '2:500 0:500', 'MeterValues without or with a zero transaction id are stored without a transaction');
		// a transaction id that is not this charger's (another charger's, and one nobody has):
		// answered, stored for the connector without a transaction, never on the other's
		const stranger = await addCharger('TXO');
		const sc = await bootedClient(stranger);
		const theirs = (await sc.call('StartTransaction', { connectorId: 1, idTag: tag, meterStart: 0, timestamp: iso(t0) })).transactionId;
		r = await c.call('MeterValues', { connectorId: 1, transactionId: theirs, meterValue: [sample(t0 + 63000, '1', 'Wh')] });
		t.check(r && Object.keys(r).length === 0, 'MeterValues naming another charger\'s transaction is answered {}', JSON.stringify(r));
		r = await c.call('MeterValues', { connectorId: 1, transactionId: 2147480000, meterValue: [sample(t0 + 64000, '2', 'Wh')] });
		t.check(r && Object.keys(r).length === 0, 'MeterValues naming an unknown transaction is answered {}', JSON.stringify(r));
		const strays = sql(`SELECT connector_id, transaction_id IS NULL, value FROM meter_values
		                    WHERE charge_point_id = :'id' AND sampled_at IN (:'a', :'b') ORDER BY sampled_at`,
		{ id: cp.id, a: iso(t0 + 63000), b: iso(t0 + 64000) }).map((x) => x.join(':'));
		t.eq(strays.join(' '), '1:t:1 1:t:2', 'both are stored for connector 1 without a transaction');
		t.eq(sqlValue(`SELECT count(*) FROM meter_values WHERE transaction_id IN (SELECT id FROM transactions WHERE ocpp_tx_id = :'tx')`, { tx: theirs }),
			'0', 'nothing was added to the other charger\'s transaction');
		await closeClient(sc);
	});

	await t.step('stop', async () => {
		const stop = {
			transactionId: txId, idTag: tag, meterStop: 1239000, timestamp: iso(t0 + 300000), reason: 'EVDisconnected',
			transactionData: [
				{ timestamp: iso(t0), sampledValue: [{ value: '1234500', context: 'Transaction.Begin', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] },
				{ timestamp: iso(t0 + 300000), sampledValue: [{ value: '1239.0', context: 'Transaction.End', measurand: 'Energy.Active.Import.Register', unit: 'kWh' }] },
			],
		};
		const r = await c.call('StopTransaction', stop);
		t.eq(r.idTagInfo?.status, 'Accepted', 'StopTransaction answered with idTagInfo');
		const q = `SELECT meter_stop_wh, stop_reason, stop_id_tag, to_char(stopped_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') FROM transactions WHERE ocpp_tx_id = :'tx'`;
		const before = sql(q, { tx: txId })[0].join(' ');
		t.eq(before, `1239000 EVDisconnected ${tag} ${iso(t0 + 300000).slice(0, 19)}`, 'the transaction row: meterStop, reason, stop tag, stop time');
		const td = sql(`SELECT context, unit, value FROM meter_values WHERE transaction_id = (SELECT id FROM transactions WHERE ocpp_tx_id = :'tx') AND context LIKE 'Transaction.%' ORDER BY sampled_at`, { tx: txId }).map((x) => x.join(' '));
		t.eq(td.join(', '), 'Transaction.Begin Wh 1234500, Transaction.End Wh 1239000', 'transactionData stored, normalised to Wh');

		const counts = () => sql(`SELECT (SELECT count(*) FROM transactions WHERE charge_point_id = :'id'),
		                                 (SELECT count(*) FROM meter_values WHERE charge_point_id = :'id'),
		                                 (SELECT count(*) FROM events WHERE charge_point_id = :'id' AND kind = 'tx.stop')`, { id: cp.id })[0].join(' ');
		const c1 = counts();
		const r2 = await c.call('StopTransaction', { ...stop, meterStop: 1299999, reason: 'Local' });
		t.check(r2.idTagInfo?.status === 'Accepted' || r2.idTagInfo === undefined, 'a replayed StopTransaction is answered', JSON.stringify(r2));
		t.eq(sql(q, { tx: txId })[0].join(' '), before, 'a replayed StopTransaction changes nothing in the transaction');
		t.eq(counts(), c1, 'a replayed StopTransaction creates no rows and no events');

		const r3 = await c.call('StopTransaction', { transactionId: 99999, meterStop: 5, timestamp: iso(Date.now()), reason: 'Local',
			transactionData: [{ timestamp: iso(Date.now()), sampledValue: [{ value: '5', context: 'Transaction.End' }] }] });
		t.check(r3 !== undefined, 'StopTransaction for an unknown transaction is answered (the charger would retry forever otherwise)', JSON.stringify(r3));
		t.eq(counts(), c1, 'and stores nothing');
		t.eq(sqlValue(`SELECT count(*) FROM transactions WHERE ocpp_tx_id = 99999`), '0', 'no transaction 99999 appears');
	});

	await t.step('events', async () => {
		const ev = await waitFor(() => {
			const kinds = sql(`SELECT kind FROM events WHERE charge_point_id = :'id' ORDER BY id`, { id: cp.id }).map((x) => x[0]);
			return kinds.includes('tx.start') && kinds.includes('tx.stop') && kinds.includes('meter') && kinds;
		}, 3000, 'events');
		t.ok(`transaction start, meter update and stop are appended to the events (${[...new Set(ev)].join(',')})`);
		const d = JSON.parse(sqlValue(`SELECT data FROM events WHERE charge_point_id = :'id' AND kind = 'tx.stop' AND (data->>'transactionId')::int = :'tx'`, { id: cp.id, tx: txId }));
		t.eq(d.energyWh, 4500, 'the stop event carries the energy charged (meterStop - meterStart)');
	});

	expectClean(t, c, 'every answer passes strict schema validation');
	await closeClient(c);
});
