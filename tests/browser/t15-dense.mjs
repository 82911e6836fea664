// evshare browser test: a dense part of the map, where the API answers grid clusters.
// 700 listings are put into a 2 x 2 km square of Vysočina (where the demo has none) through
// psql, the map opens on it: the API answers clustered, the bubbles on the page add up to what
// the API counted, clicking a bubble zooms into it until single pins show. The rows are removed
// at the end. Needs a running evshare at EVSHARE_URL and psql reaching its database (PGHOST...).

import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BASE = (process.env.EVSHARE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const OUT = new URL('../out/', import.meta.url);
mkdirSync(OUT, { recursive: true });
const shot = (name) => fileURLToPath(new URL(name, OUT));
const TOWN = 'Densetown-browser';

let passed = 0, failed = 0, browser;
const line = (s) => String(s).replace(/\s+/g, ' ').trim().slice(0, 300);
async function check(desc, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${desc}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${desc}: ${line(e && e.message ? e.message.split('\n')[0] : e)}`);
  }
}
const assert = (cond, msg) => { if (!cond) throw new Error(msg); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sql(text) {
  const r = spawnSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1'], { input: text, encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) throw new Error(`psql: ${(r.stderr || '').trim()}`);
  return r.stdout.trim();
}

const timer = setTimeout(() => { console.log('not ok - dense map test finished in time'); process.exit(1); }, 90_000);
try {
  sql(`DELETE FROM listings WHERE city = '${TOWN}'`);
  sql(`WITH l AS (
      INSERT INTO listings (owner_id, title, address, city, lat, lon, state)
      SELECT (SELECT id FROM accounts WHERE email = 'owner@evshare.test'), 'Dense ' || i, 'Address ' || i, '${TOWN}',
             49.50 + (hashint4(i) & 65535) / 65536.0 * 0.02, 15.50 + (hashint4(i + 1000) & 65535) / 65536.0 * 0.02, 'approved'
        FROM generate_series(1, 700) AS i RETURNING id),
    t AS (INSERT INTO tariffs (listing_id, price_per_kwh) SELECT id, 600 FROM l)
    INSERT INTO connectors (listing_id, connector_id, type, max_power_w) SELECT id, 1, 'type2', 11000 FROM l`);

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ' });
  // no map tiles in tests: nothing leaves our origin
  await context.route((u) => new URL(u).origin !== new URL(BASE).origin, (r) => r.fulfill({ status: 204, body: '' }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  let answer = null;
  page.on('response', async (res) => {
    if (res.url().includes('/api/v1/chargers?')) {
      try { answer = await res.json(); } catch { /* a later one */ }
    }
  });

  await check('a dense view: the API answers grid clusters', async () => {
    await page.goto(`${BASE}/#15/49.51/15.51`, { waitUntil: 'load' });
    for (let i = 0; i < 60 && !(answer && answer.features); i++) await sleep(100);
    assert(answer, 'no API answer');
    assert(answer.clustered === true, `clustered=${answer.clustered} total=${answer.total}`);
    assert(answer.total >= 700, `total ${answer.total}`);
  });

  await check('the bubbles on the page add up to what the API counted', async () => {
    await sleep(800);
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim'), null, { timeout: 5000 }).catch(() => {});
    const shown = await page.evaluate(() => {
      let n = 0;
      for (const el of document.querySelectorAll('#map .marker-cluster .cluster-count')) n += +el.textContent;
      return n + document.querySelectorAll('#map .leaflet-marker-icon.pin').length;
    });
    // the view can reach a little past the box the API was asked for (resizes): at least all of it
    assert(shown === answer.total, `page shows ${shown}, the API counted ${answer.total}`);
    await page.screenshot({ path: shot('map-dense.png') });
  });

  await check('clicking a bubble zooms into it until single pins show', async () => {
    const z0 = +(new URL(page.url()).hash.split('/')[0].slice(1));
    for (let i = 0; i < 8; i++) {
      if (await page.locator('#map .leaflet-marker-icon.pin').count()) break;
      const box = await page.locator('#map .marker-cluster').first().boundingBox();
      assert(box, 'no bubble to click');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await sleep(900);
    }
    const z1 = +(new URL(page.url()).hash.split('/')[0].slice(1));
    assert(z1 > z0, `zoom ${z0} -> ${z1}`);
    assert(await page.locator('#map .leaflet-marker-icon.pin').count() > 0, 'no single pin after 8 clicks');
  });

  await check('no script errors on the dense map', async () => {
    assert(errors.length === 0, errors.slice(0, 3).join(' | '));
  });
} catch (e) {
  failed++;
  console.log(`not ok - dense map test ran to the end: ${line(e && e.message ? e.message : e)}`);
} finally {
  clearTimeout(timer);
  try { sql(`DELETE FROM listings WHERE city = '${TOWN}'`); } catch (e) { console.log(`# cleanup: ${line(e.message)}`); }
  if (browser) await browser.close().catch(() => {});
}
console.log(`# ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
