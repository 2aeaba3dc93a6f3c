// Server-rendered pages streamed by prefetch-elements/server, in real browsers, from a real Node
// server on 127.0.0.1 (site.mjs): what a user sees before and after the library's module loads,
// with JavaScript off, under a strict Content-Security-Policy, with hostile data, and what the
// server does with timeouts, failures and a client that leaves.
//
//   npm run test:ssr        (BROWSERS=chromium or BROWSERS=firefox for one engine)
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { engines, instrument, launch, poll, shown } from './browsers.mjs';
import { HOSTILE_ARGS, HOSTILE_TEXT, hostileValue, startSite } from './site.mjs';

const site = await startSite();
after(() => site.close());

/** The frames in which the page had its parts, after the document was parsed that far. */
const framesWith = (frames, id) => frames.filter((frame) => frame[id] !== null);

/** Asserts what every frame showed: the product from the first frame on, and one region of the reviews at a time. */
function assertNoFlash(frames) {
  const products = framesWith(frames, 'product-name');
  assert.ok(products.length > 0, 'frames were sampled');
  for (const frame of products) {
    assert.equal(frame['product-name'], true, `a frame without the product: ${JSON.stringify(frame)}`);
    assert.equal(frame['product-fallback'], false, `a frame with the product's fallback: ${JSON.stringify(frame)}`);
  }
  for (const frame of framesWith(frames, 'reviews-fallback')) {
    const regions = [frame['reviews-first'], frame['reviews-fallback']].filter(Boolean).length;
    assert.equal(regions, 1, `a frame showing ${regions} regions of the reviews: ${JSON.stringify(frame)}`);
  }
}

for (const engine of engines) {
  describe(`a server-rendered page in ${engine}`, () => {
    let browser;
    /** Firefox turns scripting off for a whole browser: a second one, launched alongside. */
    let noScriptBrowser;
    let page;
    before(async () => {
      if (engine === 'firefox') noScriptBrowser = launch(engine, { javaScript: false });
      browser = await launch(engine);
    });
    after(async () => {
      await browser?.close();
      await (await noScriptBrowser)?.close();
    });
    beforeEach(async () => {
      site.reset();
      page = await browser.newPage();
      await page.evaluateOnNewDocument(instrument);
    });
    afterEach(() => page?.close());

    const state = () => page.evaluate(() => window.__ssr);
    const element = (id, ...keys) =>
      page.evaluate((id, keys) => keys.map((key) => document.getElementById(id)[key]), id, keys);

    it("shows the product in the first bytes and the reviews' fallback, then the reviews, with no request, under script-src 'self'", async () => {
      const reviews = site.gate('1');
      const response = page.waitForResponse((answer) => answer.url().endsWith('/page/1'));
      const loaded = page.goto(`${site.url}/page/1`);
      // The reviews are still on their way: the library has upgraded the elements, the fallback shows.
      await poll(() => page.evaluate(() => customElements.get('await-data') !== undefined && window.__appRan));
      assert.deepEqual(await shown(page, 'product-name', 'reviews-fallback', 'reviews-first'), [true, true, false]);
      assert.deepEqual(await element('reviews', 'status'), ['pending']);
      reviews.open();
      await loaded;
      await poll(async () => (await shown(page, 'reviews-first'))[0]);
      assert.deepEqual(await shown(page, 'product-name', 'reviews-fallback'), [true, false]);
      assert.equal(await page.$eval('#reviews-first', (p) => p.textContent), 'Reviews of Desk lamp');
      assert.equal((await response).headers()['content-security-policy'], "script-src 'self'");
      const { frames, violations } = await state();
      assertNoFlash(frames);
      assert.ok(
        framesWith(frames, 'reviews-fallback').some((frame) => frame['reviews-fallback']),
        'the fallback was seen',
      );
      assert.deepEqual(violations, []);
      assert.deepEqual(site.requests, [], 'the client fetched nothing');
      assert.equal(await page.$$eval('streamed-data', (all) => all.length), 0, 'the data elements are gone');
    });

    it('takes over the server-rendered shadow roots with no flash when the library loads after the whole page', async () => {
      site.settings.libraryDelay = 400;
      await page.goto(`${site.url}/page/1`);
      await poll(async () => (await shown(page, 'reviews-first'))[0]);
      const { frames } = await state();
      assert.ok(
        frames.some((frame) => !frame.upgraded && frame['reviews-fallback']),
        'frames before the upgrade',
      );
      assertNoFlash(frames);
      // The element keeps the declared shadow root: one style, three slots, nothing added twice.
      const roots = await page.$$eval('await-data', (all) =>
        all.map((el) => [
          el.shadowRoot.querySelectorAll('style').length,
          el.shadowRoot.querySelectorAll('slot').length,
        ]),
      );
      assert.deepEqual(roots, [
        [1, 3],
        [1, 3],
      ]);
      assert.deepEqual(site.requests, []);
    });

    it("keeps the server's content on screen while the page's queries are not registered yet", async () => {
      site.settings.appDelay = 400;
      await page.goto(`${site.url}/page/1`);
      await poll(async () => (await shown(page, 'reviews-first'))[0]);
      const { frames } = await state();
      assert.ok(
        frames.some((frame) => frame.upgraded && !frame.app),
        'the elements upgraded before the app ran',
      );
      assertNoFlash(frames);
      assert.deepEqual(await element('product', 'status'), ['fulfilled']);
      assert.deepEqual(site.requests, []);
    });

    it('is readable with JavaScript disabled: the parts the server had, and the fallback of the rest', async () => {
      const bare = noScriptBrowser ? await (await noScriptBrowser).newPage() : page;
      if (!noScriptBrowser) await bare.setJavaScriptEnabled(false);
      try {
        await bare.goto(`${site.url}/page/1`);
        const visibleText = await bare.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim());
        assert.equal(visibleText, 'Desk lamp A lamp for a desk. Reviews Loading reviews… The end');
        assert.equal(await bare.evaluate(() => customElements.get('await-data') === undefined), true, 'no script ran');
        assert.deepEqual(site.requests, []);
      } finally {
        if (bare !== page) await bare.close();
      }
    });

    it('works under a nonce policy for scripts and styles, with the nonce option', async () => {
      site.settings.nonce = 'r4nd0m';
      site.settings.libraryDelay = 300;
      const loaded = page.goto(`${site.url}/page/1`);
      // Before the upgrade, the declared shadow roots' styles (allowed by their nonce) show one region each.
      await poll(async () => (await shown(page, 'reviews-fallback'))[0] !== null);
      assert.deepEqual(await shown(page, 'product-name', 'product-fallback', 'product-error'), [true, false, false]);
      await loaded;
      await poll(async () => (await shown(page, 'reviews-first'))[0]);
      assert.deepEqual((await state()).violations, []);
      assert.deepEqual(site.requests, []);
    });

    it('shows hostile data as text: nothing runs, each value reads back unchanged, no prototype is polluted', async () => {
      let dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      site.settings.libraryDelay = 300;
      const loaded = page.goto(`${site.url}/hostile`);
      // The server's own text, before any script of ours has run.
      await poll(() => page.evaluate(() => document.getElementById('echo-fallback') !== null));
      const serverText = await page.$eval('#hostile-name', (h1) => [h1.textContent, !customElements.get('await-data')]);
      assert.deepEqual(serverText, [HOSTILE_TEXT, true]);
      await loaded;
      await poll(() => page.evaluate(() => document.getElementById('echo').status === 'fulfilled'));
      const result = await page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        polluted: [{}.polluted, Object.prototype.polluted, Object.polluted].map((value) => value ?? null),
        hostile: JSON.stringify(document.getElementById('hostile').value),
        echo: JSON.stringify(document.getElementById('echo').value),
        texts: ['hostile-name', 'hostile-description', 'hostile-review', 'echo-first', 'hostile-proto'].map(
          (id) => document.getElementById(id).textContent,
        ),
        images: document.images.length,
        scripts: document.scripts.length,
      }));
      assert.equal(result.pwned, null, 'no script of the data ran');
      assert.equal(dialogs, 0);
      assert.deepEqual(result.polluted, [null, null, null]);
      assert.equal({}.polluted, undefined, 'nor on the server');
      assert.deepStrictEqual(JSON.parse(result.hostile), hostileValue());
      assert.deepStrictEqual(JSON.parse(result.echo), { args: HOSTILE_ARGS });
      // `__proto__.polluted` reads the value's own `__proto__` key: data, shown as data.
      assert.deepEqual(result.texts, [HOSTILE_TEXT, `«${HOSTILE_TEXT}»`, HOSTILE_TEXT, HOSTILE_TEXT, 'by __proto__']);
      assert.deepEqual([result.images, result.scripts], [0, 2], 'no element came out of the data');
      assert.deepEqual(site.requests, []);
    });

    it('sends a part that does not settle in time as a rejection the error slot shows, and aborts its fetch', async () => {
      site.settings.never = true;
      site.settings.timeout = 300;
      await page.goto(`${site.url}/page/1`); // the page loads: the stream ended
      await poll(async () => (await shown(page, 'never-error'))[0]);
      const [error] = await page.evaluate(() =>
        [document.getElementById('never').error].map((e) => [e.name, e.message]),
      );
      assert.deepEqual(error, ['TimeoutError', 'never[] did not settle within 300 ms on the server']);
      assert.deepEqual(site.aborted, ['never']);
      assert.deepEqual(site.requests, []);
    });

    it('redacts a failed part by default: a generic message and the digest the server logged', async () => {
      site.settings.libraryDelay = 300;
      const loaded = page.goto(`${site.url}/page/999`);
      await poll(async () => (await shown(page, 'product-error'))[0] !== null);
      assert.deepEqual(await shown(page, 'product-name', 'product-fallback', 'product-error'), [false, false, true]);
      await loaded;
      await poll(() => page.evaluate(() => document.getElementById('product').status === 'rejected'));
      const [message, digest] = await page.evaluate(() => {
        const { error } = document.getElementById('product');
        return [error.message, error.digest];
      });
      assert.equal(message, 'The server could not load this part.');
      assert.equal(site.logged.length, 1);
      assert.equal(site.logged[0].key, 'product["999"]');
      assert.match(site.logged[0].message, /hunter2/, 'the server logs the real error');
      assert.equal(digest, site.logged[0].digest);
      // The error the server rendered stays through the upgrade: no frame of the fallback.
      const frames = framesWith((await state()).frames, 'product-error');
      assert.ok(frames.some((frame) => frame.upgraded) && frames.some((frame) => !frame.upgraded));
      for (const frame of frames) assert.deepEqual([frame['product-error'], frame['product-fallback']], [true, false]);
      assert.deepEqual(site.requests, []);
    });

    it("sends the error's own message when the server opts in", async () => {
      site.settings.exposeErrors = true;
      await page.goto(`${site.url}/page/999`);
      await poll(() => page.evaluate(() => document.getElementById('product').status === 'rejected'));
      const message = await page.evaluate(() => document.getElementById('product').error.message);
      assert.match(message, /^no product 999/);
    });

    it('fetches an announced part itself when the response is cut short before it arrives', async () => {
      site.gate('1'); // the reviews never come
      site.settings.cut = true;
      site.settings.timeout = 300; // what the server promised; Chromium's document never ends, so this decides
      void page.goto(`${site.url}/page/1`).catch(() => {}); // a navigation that never loads
      await poll(async () => (await shown(page, 'reviews-first'))[0]);
      assert.equal(await page.$eval('#reviews-first', (p) => p.textContent), 'from the API');
      assert.deepEqual(site.requests, ['/api/reviews/%5B%221%22%5D'], 'only what never arrived, once');
    });

    it('aborts the remaining fetches when the client leaves, with no unhandled rejection', async () => {
      site.gate('1'); // never opened: the reviews wait until the fetch is aborted
      void page.goto(`${site.url}/page/1`).catch(() => {});
      await poll(async () => (await shown(page, 'reviews-fallback'))[0]);
      await page.close();
      page = undefined;
      await poll(() => site.aborted.includes('reviews 1'));
      await new Promise((resolve) => setTimeout(resolve, 50)); // a rejection would be reported by now
      assert.deepEqual(site.unhandled, []);
    });
  });
}
