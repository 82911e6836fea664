// t30-authorize: Authorize of registered id tags: Accepted (with expiry and parent), Invalid
// (unknown), Blocked (blocked tag, and a tag of a suspended account), Expired (marked expired,
// and one whose expiry has passed).
import { run, addCharger, addIdTag, bootedClient, closeClient, expectClean, sql } from './lib.mjs';

await run(async (t) => {
	const cp = await addCharger('AUTH');
	const c = await bootedClient(cp);
	const parent = addIdTag('PAR');
	const accepted = addIdTag('ACC', { expires: '30 days', parent });
	const plain = addIdTag('PLAIN');
	const blocked = addIdTag('BLK', { status: 'Blocked' });
	const expired = addIdTag('EXPD', { status: 'Expired' });
	const lapsed = addIdTag('LAPS', { expires: '-1 hour' });

	const auth = async (idTag) => (await c.call('Authorize', { idTag })).idTagInfo;

	await t.step('authorize', async () => {
		let i = await auth(accepted);
		t.eq(i.status, 'Accepted', 'a registered tag: Accepted');
		const want = Date.parse(sql(`SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM id_tags WHERE id_tag = :'t'`, { t: accepted })[0][0]);
		t.check(Math.abs(Date.parse(i.expiryDate) - want) < 1000, 'Accepted carries the tag\'s expiry date', JSON.stringify(i));
		t.eq(i.parentIdTag, parent, 'Accepted carries the parent id tag');
		i = await auth(plain);
		t.check(i.status === 'Accepted' && i.expiryDate === undefined, 'a tag without expiry: Accepted, no expiryDate', JSON.stringify(i));
		i = await auth('NO-SUCH-TAG-42');
		t.eq(i.status, 'Invalid', 'an unknown tag: Invalid');
		i = await auth(blocked);
		t.eq(i.status, 'Blocked', 'a blocked tag: Blocked');
		i = await auth(expired);
		t.eq(i.status, 'Expired', 'a tag marked expired: Expired');
		i = await auth(lapsed);
		t.eq(i.status, 'Expired', 'an Accepted tag whose expiry has passed: Expired');

		// the account behind a tag is suspended: its tags no longer open chargers
		const susp = addIdTag('SUSP');
		sql(`INSERT INTO accounts (email, display_name) VALUES (:'e', 'Suspended Driver')`, { e: `${susp.toLowerCase()}@evshare.test` });
		sql(`UPDATE id_tags SET account_id = (SELECT id FROM accounts WHERE email = :'e') WHERE id_tag = :'t'`, { e: `${susp.toLowerCase()}@evshare.test`, t: susp });
		t.eq((await auth(susp)).status, 'Accepted', 'a tag of an active account: Accepted');
		sql(`UPDATE accounts SET state = 'suspended' WHERE email = :'e'`, { e: `${susp.toLowerCase()}@evshare.test` });
		t.eq((await auth(susp)).status, 'Blocked', 'the same tag once its account is suspended: Blocked');
		// status changes take effect at once (no stale cache)
		sql(`UPDATE id_tags SET status = 'Blocked' WHERE id_tag = :'t'`, { t: plain });
		t.eq((await auth(plain)).status, 'Blocked', 'blocking a tag takes effect on the next Authorize');
	});

	expectClean(t, c, 'every answer passes strict schema validation');
	await closeClient(c);
});
