// t32-web-cards: a card a driver adds on the account page (through the real web server, CSRF
// and all) authorizes Accepted at a charger, in any case (OCPP idTag is CiString20); blocked on
// the page it is Blocked; unblocked Accepted again; deleted Invalid (issue 10/4).
import { run, addCharger, bootedClient, closeClient, expectClean, sql, WEB_URL } from './lib.mjs';

// a browser, enough of one: a cookie jar, the CSRF token of the page's form, form POSTs
function browser() {
	const jar = new Map();
	const send = async (method, path, form) => {
		const res = await fetch(WEB_URL + path, {
			method, redirect: 'manual',
			headers: {
				cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
				...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
			},
			body: form ? new URLSearchParams(form).toString() : undefined,
		});
		for (const c of res.headers.getSetCookie())
			{ const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); }
		return { status: res.status, location: res.headers.get('location'), body: await res.text() };
	};
	const csrf = async (path) => /name="csrf" value="([^"]+)"/.exec((await send('GET', path)).body)?.[1];
	return {
		post: async (path, from, form) => send('POST', path, { csrf: await csrf(from), ...form }),
	};
}

await run(async (t) => {
	const email = 'owner@evshare.test';
	const mid = sql(`SELECT id FROM accounts WHERE email = :'e'`, { e: email })[0][0];
	sql(`UPDATE accounts SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = :'m'`, { m: mid });
	sql(`DELETE FROM id_tags WHERE account_id = :'m'`, { m: mid });
	const cp = await addCharger('CARD');
	const c = await bootedClient(cp);
	const auth = async (idTag) => (await c.call('Authorize', { idTag })).idTagInfo.status;
	const b = browser();
	const uid = `Web${process.pid}`;

	await t.step('web cards authorize', async () => {
		let r = await b.post('/login', '/login', { email, password: 'evshare-demo' });
		t.eq(r.status, 303, 'the driver logs in');
		t.eq(await auth(uid), 'Invalid', 'before it is added the card is Invalid');
		r = await b.post('/account/cards', '/account', { uid, label: 'web card' });
		t.eq(r.status, 303, 'the card is added on the account page');
		t.eq(await auth(uid), 'Accepted', 'the card added through the web: Accepted');
		t.eq(await auth(uid.toUpperCase()), 'Accepted', 'the same UID in capitals (CiString20): Accepted');
		const id = sql(`SELECT id FROM id_tags WHERE id_tag = :'u'`, { u: uid })[0][0];
		r = await b.post(`/account/cards/${id}/block`, '/account', {});
		t.eq(r.status, 303, 'the card is blocked on the page');
		t.eq(await auth(uid), 'Blocked', 'after block: Blocked');
		t.eq(await auth(uid.toLowerCase()), 'Blocked', 'in lower case too: Blocked');
		r = await b.post(`/account/cards/${id}/unblock`, '/account', {});
		t.eq(await auth(uid), 'Accepted', 'after unblock: Accepted');
		r = await b.post(`/account/cards/${id}/delete`, '/account', {});
		t.eq(r.status, 303, 'the card is deleted on the page');
		t.eq(await auth(uid), 'Invalid', 'after delete: Invalid');
	});

	expectClean(t, c, 'every answer passes strict schema validation');
	await closeClient(c);
});
