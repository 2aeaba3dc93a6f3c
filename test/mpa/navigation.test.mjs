// Multi-page sites in real browsers with a real server, which only a test outside the page can
// do: full navigations, response headers (a Content-Security-Policy), requests counted on the
// server, the navigation's own timing entry, the back/forward cache.
//
//   npm run test:mpa        (BROWSERS=chromium or BROWSERS=firefox for one engine)
//
// The library is bundled from the sources with esbuild (no prior build), and served with three
// small pages that load it with one module script each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from '../../scripts/browsers.mjs';
import { buildLibrary } from '../../demo/ssr/build.mjs';
import { startSite } from './site.mjs';

const browsers = (process.env.BROWSERS || 'chromium,firefox').split(',');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const library = await buildLibrary();

const launch = (name) => launchBrowser(name);

/** Runs in every document before its scripts: which pageshow events it saw, and its frames. */
function instrument() {
  const state = (window.__test = { shows: [], frames: [] });
  addEventListener('pageshow', (event) => state.shows.push(event.persisted));
  const frame = () => {
    const element = document.querySelector('await-data');
    const name = document.querySelector('h1');
    state.frames.push({
      upgraded: element?.matches(':defined') ?? false,
      shown: name?.checkVisibility() ? name.textContent : '',
      fallback: document.querySelector('[slot=fallback]')?.checkVisibility() ?? false,
    });
    if (state.frames.length < 10) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Resolves once `condition` resolves truthy; a condition that throws (a document going away) is asked again. */
async function poll(condition, ms = 10_000) {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(25)) {
    try {
      if (await condition()) return;
    } catch {
      // the old document went away while we asked
    }
  }
  assert.fail(`not true within ${ms} ms: ${condition}`);
}

/** Rests the pointer on an element for `ms`. */
async function hover(page, selector, ms) {
  const box = await (await page.waitForSelector(selector)).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await sleep(ms);
}

/** Clicks a link and waits for the new page to show its heading (the old document goes away meanwhile). */
async function follow(page, selector, heading) {
  await page.click(selector);
  await poll(async () => (await page.evaluate(() => document.querySelector('h1')?.textContent)) === heading);
}

for (const name of browsers) {
  describe(`multi-page sites in ${name}`, { concurrency: false }, () => {
    let site;
    let browser;
    let page;
    const isChromium = name === 'chromium';
    before(async () => {
      site = await startSite(library);
      browser = await launch(name);
    });
    after(async () => {
      await browser?.close();
      site?.close();
    });

    let run = 0;
    let base = '';
    /** A new tab (a fresh sessionStorage) on one of the site's pages, under a path of this test's own. */
    async function open(name, { csp = false } = {}) {
      await page?.close();
      page = await browser.newPage();
      await page.setViewport({ width: 800, height: 600 });
      await page.evaluateOnNewDocument(instrument);
      site.csp = csp;
      base = `/run${++run}`;
      await page.goto(`${site.url}${base}/${name}`);
      site.requests.length = 0;
    }
    /** Requests the server had for a page of this test (`b`) or another path (`/api/item/b`). */
    const count = (path) =>
      site.requests.filter((r) => r.path === (path.startsWith('/') ? path : `${base}/${path}`)).length;
    const navigationEntry = () =>
      page.evaluate(() => {
        const entry = performance.getEntriesByType('navigation')[0];
        return { deliveryType: entry.deliveryType, transferSize: entry.transferSize };
      });

    it('requests a hovered link’s document once, and the navigation uses it', async () => {
      await open('a');
      await hover(page, '#to-b', 200);
      await page.mouse.move(1, 1);
      await hover(page, '#to-b', 200); // a second hover asks for nothing more
      await hover(page, '#to-c', 30); // a pointer passing over asks for nothing
      assert.equal(count('b'), 1, 'one request for the hovered document');
      assert.equal(count('c'), 0);
      await follow(page, '#to-b', 'Item b');
      assert.equal(count('b'), 1, 'the navigation used the prefetched document');
      const entry = await navigationEntry();
      if (isChromium) assert.equal(entry.deliveryType, 'navigational-prefetch');
      else assert.equal(entry.transferSize, 0);
    });

    it('prefetches under Content-Security-Policy: script-src ’self’, where inline rules are refused', async () => {
      await open('a', { csp: true });
      assert.equal(await page.evaluate(() => document.querySelector('#inline-ran')?.textContent ?? ''), '');
      await hover(page, '#to-b', 300);
      assert.equal(count('b'), 1, 'one request for the hovered document');
      assert.equal(await page.$('script[type=speculationrules]'), null, 'no refused rule is left behind');
      assert.equal(await page.$$eval('link[rel=prefetch]', (links) => links.length), 1);
      await follow(page, '#to-b', 'Item b');
      assert.equal(count('b'), 1, 'the navigation used the prefetched document');
      const entry = await navigationEntry();
      if (isChromium) assert.equal(entry.deliveryType, 'cache');
      else assert.equal(entry.transferSize, 0);
    });

    it('hands a hovered link’s data to the next page: on its first frame, with no request', async () => {
      await open('a');
      await hover(page, '#to-c', 400); // 65 ms of intent, then the API's 100 ms
      assert.equal(count('/api/item/c'), 1);
      await follow(page, '#to-c', 'Item c');
      await sleep(200);
      const frames = await page.evaluate(() => window.__test.frames);
      const described = JSON.stringify(frames);
      // Chromium holds the first frame for the render-blocking module script; Firefox may paint
      // the page before the module has run, but never the fallback, and the element's first
      // frame shows the item.
      const upgraded = frames.findIndex((frame) => frame.upgraded);
      if (isChromium) assert.equal(upgraded, 0, `the first frame has the element upgraded (${described})`);
      assert.equal(frames[upgraded]?.shown, 'Item c', `its first frame shows the item (${described})`);
      const fallback = frames.some((frame) => frame.upgraded && frame.fallback);
      assert.ok(!fallback, `the element shows no fallback frame (${described})`);
      assert.equal(count('/api/item/c'), 1, 'the next page fetched nothing');
    });

    it('leaves the page eligible for the back/forward cache, and refreshes stale data when restored', async () => {
      await open('b'); // its item is stale after 500 ms
      await page.waitForFunction(() => document.querySelector('h1').dataset.fetch);
      const fetched = Number(await page.evaluate(() => document.querySelector('h1').dataset.fetch));
      const requested = count('/api/item/b');
      await follow(page, '#to-a', 'Catalogue');
      await sleep(700);
      // history.back() rather than page.goBack(), which waits for a load event that a page
      // restored from the back/forward cache does not fire (in Firefox).
      await page.evaluate(() => history.back());
      await poll(() => page.evaluate(() => location.pathname.endsWith('/b') && window.__test.shows.length > 1));
      const shows = await page.evaluate(() => window.__test.shows);
      assert.deepEqual(shows, [false, true], 'restored from the back/forward cache');
      await page.waitForFunction((n) => document.querySelector('h1').dataset.fetch === String(n), {}, fetched + 1);
      assert.equal(count('/api/item/b'), requested + 1, 'the stale item was fetched again, once');
    });
  });
}
