// evshare browser test, end to end in headless Chromium: a person registers, verifies the
// e-mail through the link in the outbox, becomes a host, lists a charger with the map pin; an
// admin approves it; it appears on the public map; the owner generates the charger's password,
// a simulated charger (bin/evshare-sim) connects with the credentials the page shows, and the
// listing's live panel turns "connected"; "test connection" comes back accepted.
//
// Needs a running evshare at EVSHARE_URL (tests/run starts one), EVSHARE_OUTBOX, Chromium at
// /usr/bin/chromium (or CHROMIUM=...). One line per check, "ok - ..." / "not ok - ...";
// exit code 1 if any failed. Screenshots go to tests/out/.

import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const BASE = (process.env.EVSHARE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const OUTBOX = process.env.EVSHARE_OUTBOX;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = new URL('../out/', import.meta.url);
mkdirSync(OUT, { recursive: true });
const shot = (name) => fileURLToPath(new URL(name, OUT));

let passed = 0, failed = 0, browser, sim, identity = "";
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim().slice(0, 300);
const diag = (m) => console.log(`# ${oneLine(m)}`);
async function check(desc, fn) {
  try {
    const r = await fn();
    if (typeof r === 'string' && r) throw new Error(r);
    passed++;
    console.log(`ok - ${desc}`);
    return true;
  } catch (e) {
    failed++;
    console.log(`not ok - ${desc}: ${oneLine(e && e.message ? e.message.split('\n')[0] : e)}`);
    return false;
  }
}
function assert(c, m) { if (!c) throw new Error(m); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* The newest link with a token in a message to `to`, from the maildir outbox. */
function mailLink(to) {
  const dir = join(OUTBOX, 'new');
  const files = readdirSync(dir).map((f) => join(dir, f))
    .filter((f) => readFileSync(f, 'utf8').includes(`To: <${to}>`))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files.length) return null;
  const m = readFileSync(files[0], 'utf8').match(/https?:\/\/\S+token=[A-Za-z0-9_-]+/);
  return m ? m[0] : null;
}

function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  // no network in tests: map tiles are answered empty
  page.route((url) => !url.href.startsWith(BASE), (route) => route.fulfill({ status: 204, body: '' }));
}

const timer = setTimeout(async () => {
  console.log('not ok - whole test within 120 s: timed out');
  if (sim) sim.kill('SIGTERM');
  try { if (browser) await browser.close(); } catch { /* ignore */ }
  process.exit(1);
}, 120_000);

const run = Date.now().toString(36);
const email = `e2e.${run}@example.test`;
const password = `Zelena-louka-${run}`;
const title = `Garáž ${run} <b>test</b>`;
const errors = [];

try {
  assert(OUTBOX, 'EVSHARE_OUTBOX is not set');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const host = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await host.newPage();
  watchErrors(page, errors);

  // ---- register
  await check('register', async () => {
    await page.goto(`${BASE}/register?lang=en`);
    await page.fill('#f-email', email);
    await page.fill('#f-name', 'E2E Host');
    await page.fill('#f-password', password);
    await page.fill('#f-password2', password);
    // registering signs nobody in (a taken address gets the same answer): the login page says
    // a link was sent, and the link signs the person in
    await Promise.all([page.waitForURL(/\/login\?m=registered/), page.click('form.stack button[type=submit]')]);
    assert(await page.locator('.flash-success').count() === 1, 'no message about the e-mail sent');
  });

  // ---- verify through the outbox link (the link opens a page; its button verifies)
  await check('verify the e-mail through the link in the outbox', async () => {
    const link = mailLink(email);
    assert(link, 'no message in the outbox');
    await page.goto(link);
    await Promise.all([page.waitForURL(/m=verified/), page.click('main form button[type=submit]')]);
    assert(await page.locator('.flash-success').count() === 1, 'no success message');
    assert(await page.locator('header.site').getByText('E2E Host').count() > 0, 'the header does not show the name');
  });

  // ---- become a host: the empty dashboard invites to list a charger
  await check('become a host', async () => {
    await Promise.all([page.waitForURL(/\/owner\?m=host/), page.click('form[action="/account/host"] button')]);
    assert(await page.locator('.empty-state').count() === 1, 'no empty state');
    assert(await page.locator('header.site a[href="/owner"]').count() === 1, 'no My chargers in the header');
  });

  // ---- the listing, with the pin put on the map
  let listingUrl = '';
  await check('create a listing with the map pin', async () => {
    await Promise.all([page.waitForURL(/\/owner\/listings\/new$/), page.click('.empty-state a[href="/owner/listings/new"]')]);
    await page.waitForSelector('#pin-map.leaflet-container', { timeout: 10000 })
      .catch(async (e) => { await page.screenshot({ path: shot('owner-new-fail.png'), fullPage: true }); diag(page.url()); throw e; });
    await page.fill('#f-title', title);
    await page.fill('#f-description', 'Wallbox in the garage.');
    await page.fill('#f-address', 'Testovací 1');
    await page.fill('#f-city', 'Praha');
    const box = await page.locator('#pin-map').boundingBox();
    await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.4);
    await page.waitForSelector('#pin-map .leaflet-marker-icon');
    const lat1 = await page.inputValue('#f-lat');
    assert(lat1 && Math.abs(+lat1) > 1, `clicking the map did not set the latitude (${lat1})`);
    // drag the pin a little: the fields follow
    const m = await page.locator('#pin-map .leaflet-marker-icon').boundingBox();
    await page.mouse.move(m.x + m.width / 2, m.y + m.height - 4);
    await page.mouse.down();
    await page.mouse.move(m.x + m.width / 2 + 40, m.y + m.height + 30, { steps: 8 });
    await page.mouse.up();
    await sleep(200);
    const lat2 = await page.inputValue('#f-lat');
    assert(lat2 !== lat1, 'dragging the pin did not move the coordinates');
    await page.selectOption('#f-c1_type', 'type2');
    await page.fill('#f-c1_kw', '11');
    await page.fill('#f-price', '7,50');
    // several windows a day, h:mm, an overnight one (issue 8/4.3)
    await page.fill('input[name=d1]', '8:00–12:00, 13:00–20:00');
    await page.fill('input[name=d5]', '18:00–7:00');
    await page.screenshot({ path: shot('owner-new.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/owner\/listings\/\d+\?m=created/), page.click('form.listing-form > button[type=submit]')]);
    listingUrl = page.url().replace(/\?.*/, '');
    assert(await page.locator('.state-pending').count() === 1, 'not pending');
  });
  const listingId = +listingUrl.split('/').pop();
  diag(`listing ${listingId}`);

  // ---- an admin approves it
  await check('an admin approves it from the moderation queue', async () => {
    const adm = await browser.newContext({ locale: 'en-GB' });
    const ap = await adm.newPage();
    watchErrors(ap, errors);
    await ap.goto(`${BASE}/login?lang=en`);
    await ap.fill('#f-email', 'admin@evshare.test');
    await ap.fill('#f-password', 'evshare-demo');
    await Promise.all([ap.waitForURL(`${BASE}/`), ap.click('form.stack button[type=submit]')]);
    await ap.goto(`${BASE}/admin`);
    await ap.check(`input[name=id][value="${listingId}"]`);
    await ap.screenshot({ path: shot('admin-queue.png'), fullPage: true });
    await Promise.all([ap.waitForURL(/\/admin\?m=done/), ap.click('button[value=approve]')]);
    assert(await ap.locator(`input[name=id][value="${listingId}"]`).count() === 0, 'still in the queue');
    await adm.close();
  });

  // ---- the public map shows it
  await check('it appears on the public map', async () => {
    const visitor = await browser.newContext();
    const vp = await visitor.newPage();
    watchErrors(vp, errors);
    const seen = new Promise((resolve) => {
      vp.on('response', async (res) => {
        if (!res.url().includes('/api/v1/chargers')) return;
        try {
          const d = await res.json();
          if (d.features.some((f) => f.id === listingId)) resolve(true);
        } catch { /* ignore */ }
      });
    });
    await vp.goto(`${BASE}/`);
    const found = await Promise.race([seen, sleep(15000).then(() => false)]);
    assert(found, 'the map API never returned the listing');
    await vp.goto(`${BASE}/chargers/${listingId}`);
    assert((await vp.locator('h1').innerText()).includes(`Garáž ${run} <b>test</b>`), 'the public page title is not the typed text');
    await visitor.close();
  });

  // ---- connect a simulated charger with the credentials the page shows
  await check('the shown credentials connect a simulated charger and the panel turns connected', async () => {
    await page.goto(listingUrl);
    assert(await page.getAttribute('#live-state', 'data-connected') === '0', 'connected before anything connected');
    // post/redirect/get (issue 8/4.1): the browser ends on the listing page, password shown once
    await Promise.all([page.waitForURL(/\/owner\/listings\/\d+\?m=password$/), page.click('#gen-password')]);
    await page.waitForSelector('#ocpp-password');
    const url = (await page.innerText('#ocpp-url')).trim();
    identity = (await page.innerText('#ocpp-identity')).trim();
    const pw = (await page.innerText('#ocpp-password')).trim();
    diag(`${url} / ${identity}`);
    const m = identity.match(/^(.*?)(\d+)$/);
    assert(m && url.endsWith(`/ocpp/${identity}`), 'the URL does not end in the identity');
    sim = spawn(join(ROOT, 'bin/evshare-sim'), ['--url', url.slice(0, -identity.length - 1), '--prefix', m[1],
      '--first', String(+m[2]), '--digits', String(m[2].length), '--count', '1', '--password', pw,
      '--no-sessions', '--heartbeat', '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let simErr = '';
    sim.stderr.on('data', (d) => { simErr += d; });
    // a reload (what the live panel does when something changes) is the listing page again,
    // signed in, without the password and without making another one
    const reloaded = await page.reload();
    assert(reloaded.status() === 200, `the reload answered ${reloaded.status()}`);
    assert(await page.locator('#ocpp-password').count() === 0, 'the password is shown again after a reload');
    assert(await page.locator('header.site .nav-account').count() === 1, 'the reloaded page looks logged out');
    await page.goto(listingUrl);   // the page polls its live panel from here on
    await page.waitForSelector('#live-state[data-connected="1"]', { timeout: 30000 })
      .catch(() => { throw new Error(`not connected after 30 s ${simErr}`); });
    // once connected, the connector reports its status (StatusNotification at boot)
    await page.waitForSelector('#live-connectors .status-badge.status-available', { timeout: 20000 });
    await page.screenshot({ path: shot('owner-listing-connected.png'), fullPage: true });
  });

  await check('"test connection" goes through the command queue and comes back accepted', async () => {
    await Promise.all([page.waitForURL(/m=test_sent/), page.click('#test-connection')]);
    // the panel re-renders itself when the command's outcome changes
    await page.waitForSelector('#live-commands tbody tr:first-child td[data-state="accepted"]', { timeout: 30000 });
    const row = await page.innerText('#live-commands tbody tr:first-child');
    assert(/TriggerMessage/.test(row) && /Accepted/.test(row), `the outcome row says: ${row}`);
    assert(await page.getAttribute('#live-state', 'data-connected') === '1', 'no longer connected');
    await page.screenshot({ path: shot('owner-listing-tested.png'), fullPage: true });
  });

  await check('a page rendered before a connector reported its status catches up by itself', async () => {
    // as if the page had been rendered between the boot and the first StatusNotification
    await page.evaluate(() => {
      const li = document.querySelector('#live-connectors li[data-connector="1"]');
      li.dataset.status = 'Unknown';
      li.querySelector('.status-badge').className = 'status-badge status-unknown';
    });
    await page.waitForSelector('#live-connectors li[data-connector="1"][data-status="Available"] .status-badge.status-available',
      { timeout: 15000 });
  });

  await check('a connector that changes status changes on the open page', async () => {
    // the charger reports Unavailable after the operator's ChangeAvailability; the page polls
    execFileSync(join(ROOT, 'bin/evshare-admin'), ['command', identity, 'ChangeAvailability',
      '{"connectorId":1,"type":"Inoperative"}'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 40000 });
    await page.waitForSelector('#live-connectors li[data-connector="1"][data-status="Unavailable"] .status-badge',
      { timeout: 20000 });
  });

  await check('no script errors on any page', () => (errors.length ? errors.slice(0, 3).join(' | ') : ''));
} catch (e) {
  failed++;
  console.log(`not ok - browser test ran to the end: ${oneLine(e && e.message ? e.message : e)}`);
} finally {
  clearTimeout(timer);
  if (sim) sim.kill('SIGTERM');
  if (browser) await browser.close().catch(() => {});
}
console.log(`# ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
