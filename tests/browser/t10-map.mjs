// evshare browser test: the map page and a charger page in headless Chromium.
//
//   cd tests && npm install   (once; only playwright-core)
//   EVSHARE_URL=http://127.0.0.1:18080 node tests/browser/map.test.mjs
//
// Needs a running evshare (with the demo data) at EVSHARE_URL and Chromium at
// /usr/bin/chromium (override with CHROMIUM=...). Prints one line per check,
// "ok - ..." or "not ok - ...: reason", diagnostics start with "# ".
// Exit code 1 if any check failed. Screenshots go to tests/out/.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BASE = (process.env.EVSHARE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const ORIGIN = new URL(BASE).origin;
const OUT = new URL('../out/', import.meta.url);
const OVERALL_TIMEOUT_MS = 60_000;
const API_PATH = '/api/v1/chargers';

mkdirSync(OUT, { recursive: true });
const shot = (name) => fileURLToPath(new URL(name, OUT));

let passed = 0;
let failed = 0;

function oneLine(s) {
  return String(s).replace(/\s+/g, ' ').trim().slice(0, 300);
}
function ok(desc) {
  passed++;
  console.log(`ok - ${desc}`);
}
function notOk(desc, reason) {
  failed++;
  console.log(`not ok - ${desc}: ${oneLine(reason)}`);
}
function diag(msg) {
  console.log(`# ${oneLine(msg)}`);
}
/* Run one check: fn throws (or returns a string) to fail. */
async function check(desc, fn) {
  try {
    const r = await fn();
    if (typeof r === 'string' && r) {
      notOk(desc, r);
      return false;
    }
    ok(desc);
    return true;
  } catch (e) {
    notOk(desc, e && e.message ? e.message.split('\n')[0] : e);
    return false;
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* ------------------------------------------------------------ page watch */

/* Collects console errors, page errors, API requests and external requests
 * of one page. Failed tile requests are not errors (tests have no network). */
function watch(page) {
  const w = { errors: [], api: [], pending: 0, external: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location() || {};
    const text = msg.text();
    if (/^Failed to load resource/.test(text) && loc.url) {
      if (!loc.url.startsWith(ORIGIN)) return; // tiles: no network in tests
      if (/\/favicon\.ico$/.test(loc.url)) {
        diag(`ignored: ${text} (${loc.url})`);
        return;
      }
    }
    w.errors.push(`console: ${text}${loc.url ? ` (${loc.url})` : ''}`);
  });
  page.on('pageerror', (err) => w.errors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(ORIGIN + API_PATH)) {
      w.api.push(url);
      w.pending++;
    }
  });
  const done = (req) => {
    if (req.url().startsWith(ORIGIN + API_PATH)) w.pending = Math.max(0, w.pending - 1);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return w;
}

/* No request may leave our origin, except map tiles (data-tiles). Tiles are
 * answered with an empty 204 so the test needs no network. */
async function isolate(context, external) {
  await context.route((url) => url.origin !== ORIGIN, (route) => {
    const u = route.request().url();
    external.push(u);
    route.fulfill({ status: 204, body: '' }).catch(() => {});
  });
}

/* Wait for the debounced API fetch to be sent and answered, then for the
 * markers to settle. */
async function settle(page, w) {
  await sleep(350);
  for (let i = 0; i < 100 && w.pending > 0; i++) await sleep(50);
  await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim'), null, { timeout: 5000 }).catch(() => {});
  await sleep(300);
}

/* Centre of the first element matching sel that is visible inside #map and
 * really on top at its centre (not under the filter bar or a control). */
async function firstClickable(page, sel, dy = 0) {
  return page.evaluate(([sel, dy]) => {
    const map = document.getElementById('map').getBoundingClientRect();
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const x = r.left + r.width / 2;
      const y = r.top + (dy ? dy : r.height / 2);
      if (x < map.left + 5 || x > map.right - 5 || y < map.top + 5 || y > map.bottom - 5) continue;
      const top = document.elementFromPoint(x, y);
      if (top && (top === el || el.contains(top))) return { x, y };
    }
    return null;
  }, [sel, dy]);
}

function bboxOf(url) {
  const b = new URL(url).searchParams.get('bbox');
  if (!b) return null;
  const parts = b.split(',');
  if (parts.length !== 4) return null;
  return parts;
}

/* ----------------------------------------------------------------- tests */

async function desktop(browser, external) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ' });
  await isolate(context, external);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const w = watch(page);

  const loaded = await check('map page / loads', async () => {
    const res = await page.goto(BASE + '/', { waitUntil: 'load' });
    assert(res && res.status() === 200, `HTTP ${res ? res.status() : 'no response'}`);
    await page.waitForSelector('#map.leaflet-container', { timeout: 10_000 });
  });
  if (!loaded) {
    await context.close();
    return;
  }

  await check('clusters or pins appear at country zoom', async () => {
    await page.waitForSelector('#map .marker-cluster, #map .pin', { state: 'visible', timeout: 10_000 });
    await settle(page, w);
    const n = await page.locator('#map .marker-cluster, #map .pin').count();
    diag(`${n} clusters/pins at the start view`);
  });

  await check('the API was called with a bbox', async () => {
    assert(w.api.length > 0, `no request to ${API_PATH}`);
    diag(`first API call: ${w.api[0]}`);
    const parts = bboxOf(w.api[0]);
    assert(parts, 'no bbox=west,south,east,north parameter');
    const [west, south, east, north] = parts.map(Number);
    assert(parts.every((p) => /^-?\d+(\.\d{1,5})?$/.test(p)), `bbox numbers must have at most 5 decimals: ${parts}`);
    assert(west >= -180 && east <= 180 && south >= -90 && north <= 90, `bbox out of range: ${parts}`);
    assert(west < east && south < north, `bbox not west<east, south<north: ${parts}`);
    assert(west < 15.5 && east > 15.5 && south < 49.8 && north > 49.8, `bbox does not contain the default centre: ${parts}`);
  });

  await check('changing the connector filter fetches with connector=', async () => {
    const before = w.api.length;
    const req = page.waitForRequest((r) => r.url().startsWith(ORIGIN + API_PATH) && /[?&]connector=type2(&|$)/.test(r.url()), { timeout: 5000 });
    await page.selectOption('#filters select[name="connector"]', 'type2');
    const r = await req;
    diag(`filtered call: ${r.url()}`);
    assert(bboxOf(r.url()), 'filtered request lost its bbox');
    await settle(page, w);
    diag(`${w.api.length - before} API call(s) for one filter change`);
    // back to all connectors for the rest of the test
    const back = page.waitForResponse((r) => r.url().startsWith(ORIGIN + API_PATH) && !/connector=/.test(r.url()), { timeout: 5000 });
    await page.selectOption('#filters select[name="connector"]', '');
    await back;
    await settle(page, w);
  });

  await check('clicking clusters zooms in until pins are visible', async () => {
    for (let i = 0; i < 6; i++) {
      if (await firstClickable(page, '#map .leaflet-marker-icon.pin')) break;
      const c = await firstClickable(page, '#map .marker-cluster');
      assert(c, 'no clickable .marker-cluster and no pin');
      await page.mouse.click(c.x, c.y);
      await settle(page, w);
    }
    const p = await firstClickable(page, '#map .leaflet-marker-icon.pin');
    assert(p, 'still no visible .pin after 6 cluster clicks');
  });

  await check('the view is kept in the URL hash (#zoom/lat/lon)', async () => {
    const hash = await page.evaluate(() => location.hash);
    diag(`hash: ${hash}`);
    const m = /^#(\d+)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(hash);
    assert(m, `hash is not #zoom/lat/lon: "${hash}"`);
    assert(Number(m[1]) > 7, `zoom in the hash did not grow after zooming in: ${m[1]}`);
  });

  let title = '';
  let href = '';
  await check('clicking a pin opens a popup with a title and a .popup-link', async () => {
    const p = await firstClickable(page, '#map .leaflet-marker-icon.pin', 14);
    assert(p, 'no clickable pin');
    await page.mouse.click(p.x, p.y);
    const popup = page.locator('.leaflet-popup');
    await popup.waitFor({ state: 'visible', timeout: 5000 });
    await settle(page, w); // the popup's auto-pan may trigger a refetch: it must stay open
    assert(await popup.isVisible(), 'popup closed again after the refetch');
    title = (await popup.locator('.popup-title').first().textContent() || '').trim();
    assert(title, 'popup has no .popup-title text');
    const link = popup.locator('a.popup-link').first();
    assert(await link.count(), 'popup has no a.popup-link');
    href = await link.getAttribute('href');
    assert(/^\/chargers\/\d+$/.test(href || ''), `unexpected link href: ${href}`);
    diag(`popup: "${title}" -> ${href}`);
    await page.screenshot({ path: shot('map-desktop.png') });
    diag(`screenshot: ${shot('map-desktop.png')}`);
  });

  await check('map page: no console errors or page errors', async () => {
    if (w.errors.length) return w.errors.join(' | ');
  });

  await check('the popup link leads to /chargers/N with the same h1 and a minimap pin', async () => {
    assert(href, 'no popup link from the previous check');
    const before = w.errors.length;
    await Promise.all([
      page.waitForURL((u) => /^\/chargers\/\d+$/.test(u.pathname), { timeout: 10_000 }),
      page.locator('.leaflet-popup a.popup-link').first().click(),
    ]);
    const h1 = ((await page.locator('h1').first().textContent()) || '').trim();
    assert(h1 === title, `h1 "${h1}" != popup title "${title}"`);
    await page.locator('#minimap .pin').first().waitFor({ state: 'visible', timeout: 5000 });
    await page.screenshot({ path: shot('charger.png'), fullPage: true });
    diag(`screenshot: ${shot('charger.png')}`);
    if (w.errors.length > before) return 'console errors: ' + w.errors.slice(before).join(' | ');
  });

  await context.close();
}

async function phone(browser, external) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'cs-CZ',
  });
  await isolate(context, external);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const w = watch(page);

  await check('phone 375x740: map page screenshot', async () => {
    const res = await page.goto(BASE + '/', { waitUntil: 'load' });
    assert(res && res.status() === 200, `HTTP ${res ? res.status() : 'no response'}`);
    await page.waitForSelector('#map .marker-cluster, #map .pin', { state: 'visible', timeout: 10_000 });
    await settle(page, w);
    const box = await page.locator('#map').boundingBox();
    assert(box && box.width >= 370 && box.height >= 600, `map too small on a phone: ${JSON.stringify(box)}`);
    const sel = page.locator('#filters select[name="connector"]');
    if (await sel.isVisible()) diag('phone: the filter fields stay visible (not collapsed)');
    await page.screenshot({ path: shot('map-phone.png') });
    diag(`screenshot: ${shot('map-phone.png')}`);
    const toggle = page.locator('#filters .filters-toggle');
    if (await toggle.isVisible()) {
      await toggle.tap();
      await sel.waitFor({ state: 'visible', timeout: 2000 });
      await page.screenshot({ path: shot('map-phone-filters.png') });
      diag(`screenshot: ${shot('map-phone-filters.png')}`);
    }
    if (w.errors.length) return w.errors.join(' | ');
  });

  await check('a #zoom/lat/lon link opens that view', async () => {
    await page.goto('about:blank');
    const n = w.api.length;
    await page.goto(BASE + '/#13/49.19500/16.61000', { waitUntil: 'load' });
    await page.waitForSelector('#map.leaflet-container');
    for (let i = 0; i < 100 && w.api.length === n; i++) await sleep(50);
    assert(w.api.length > n, 'no API request after opening the link');
    const [west, south, east, north] = bboxOf(w.api[w.api.length - 1]).map(Number);
    assert(west < 16.61 && east > 16.61 && south < 49.195 && north > 49.195, 'bbox does not contain Brno');
    assert(east - west < 1, `bbox too wide for zoom 13: ${west}..${east}`);
  });

  await context.close();
}

/* ------------------------------------------------------------------ main */

let browser;
const timer = setTimeout(async () => {
  notOk('whole test within 60 s', 'timed out');
  try { if (browser) await browser.close(); } catch { /* ignore */ }
  console.log(`# ${passed} passed, ${failed} failed`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);

try {
  diag(`EVSHARE_URL=${BASE}`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  diag(`chromium ${browser.version()}`);
  const external = [];
  await desktop(browser, external);
  await phone(browser, external);
  await check('no request left our origin except map tiles', async () => {
    const bad = external.filter((u) => !/\/\d+\/\d+\/\d+\.(png|jpe?g|webp)(\?|$)/.test(u));
    diag(`${external.length - bad.length} tile request(s) stubbed`);
    if (bad.length) return bad.slice(0, 5).join(' ');
  });
} catch (e) {
  notOk('browser test ran to the end', e && e.message ? e.message.split('\n')[0] : e);
} finally {
  clearTimeout(timer);
  if (browser) await browser.close().catch(() => {});
}

console.log(`# ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
