/**
 * End to end: the demo in headless Chromium, a real pointer, a real server with 300 ms of API
 * latency. How long does a user wait after clicking a product link they hovered for a moment?
 *
 *   npm run bench:e2e      (REPS=9 for more repetitions, PAGE=react or PAGE=vue for the React 19
 *                           or Vue 3 page instead of the plain one, CHROME_PATH for another Chromium)
 *
 * Each navigation loads the demo's home page afresh (an empty cache), moves the pointer onto a
 * product card with `page.mouse.move`, waits the hover-to-click gap, clicks, and measures in the
 * page, from the click (`performance.now()` in a capturing listener) to the first animation
 * frame in which the product's name is visible, and how many frames between them showed the
 * product's fallback. Every frame is sampled by a requestAnimationFrame loop (what a frame's rAF
 * callbacks see is what that frame paints), so it is exact to a frame. The same is done with
 * prefetching off (the demo's switch, `?prefetch=off`), and every request to
 * /api/products/:id is counted. Each navigation opens another product than the one before, and
 * the gaps and the two modes are interleaved so that machine noise hits them alike. Medians.
 *
 * Target, with prefetching: a wait within one frame (17 ms) of max(0, 300 - (gap - 65)), since
 * the preload starts 65 ms into the hover (`delay`) and the API answers 300 ms later; no
 * fallback frame where that is 0; one request per product per navigation.
 * The exit code is 0 even when a target is missed: this is a measurement, not a test.
 */
import { launchChromium } from './lib/chromium.mjs';
import { cpus, loadavg } from 'node:os';
import { buildDemo, startServer } from '../demo/server.mjs';
import { markdownTable, median } from './lib/stats.mjs';

const GAPS = [100, 200, 300, 500];
const REPS = Number(process.env.REPS || 5);
const LATENCY = 300;
const HOVER_DELAY = 65;
const FRAME = 17;
const PRODUCTS = 12;
const PAGE = process.env.PAGE || 'plain';
const prefix = { plain: '', react: '/react', vue: '/vue' }[PAGE];
if (prefix === undefined) throw new Error(`PAGE must be plain, react or vue, not "${PAGE}"`);

/** Runs in the page before its scripts: timestamps the hover and the click, samples frames. */
function instrument() {
  const state = (window.__e2e = { hoverAt: 0, result: undefined });
  const isShown = () => {
    const name = document.querySelector('.product-name');
    return !!name && name.checkVisibility() && name.textContent.trim() !== '';
  };
  const isFallbackShown = () => [...document.querySelectorAll('.product-fallback')].some((el) => el.checkVisibility());
  addEventListener(
    'pointerover',
    (e) => {
      if (!state.hoverAt && e.target.closest?.('a.card')) state.hoverAt = performance.now();
    },
    true,
  );
  addEventListener(
    'click',
    () => {
      const result = (state.result = {
        clickAt: performance.now(),
        wait: undefined,
        domAt: undefined,
        fallbackFrames: 0,
        frames: 0,
      });
      // When the content entered the DOM (diagnostic); the wait is counted to the frame that paints it.
      const observer = new MutationObserver(() => {
        if (result.domAt === undefined && isShown()) result.domAt = performance.now() - result.clickAt;
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const frame = () => {
        const now = performance.now();
        result.frames++;
        if (isShown()) {
          result.wait = now - result.clickAt;
          result.domAt ??= result.wait;
          observer.disconnect();
          return;
        }
        if (isFallbackShown()) result.fallbackFrames++;
        if (now - result.clickAt < 10_000) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    true,
  );
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One navigation: fresh page, hover a product card, wait `gap`, click, measure. */
async function navigate(page, base, { id, gap, prefetch, requests }) {
  await page.mouse.move(2, 2); // away from every card before the page lays out
  await page.goto(`${base}${prefix || '/'}?prefetch=${prefetch ? 'on' : 'off'}`, { waitUntil: 'load' });
  const card = await page.waitForSelector(`a.card[href="${prefix}/products/${id}"]`, { visible: true });
  await card.scrollIntoView();
  await sleep(150); // let the list's own request and the first frames settle
  const box = await card.boundingBox();
  requests.clear();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await sleep(gap);
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction(() => window.__e2e.result?.wait !== undefined, { timeout: 15_000, polling: 50 });
  await sleep(400); // a second request for the same product, if any, would have started by now
  const url = `/api/products/${id}`;
  const r = await page.evaluate((url) => {
    const { result, hoverAt } = window.__e2e;
    // The product's request, from Resource Timing: when it started and when its answer was in.
    const fetched = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === url);
    return { ...result, hoverAt, fetchStart: fetched?.startTime, responseEnd: fetched?.responseEnd };
  }, url);
  return {
    wait: r.wait,
    fallbackFrames: r.fallbackFrames,
    requests: requests.get(url) ?? 0,
    // Diagnostics, in ms: the gap as the page saw it, and where the time went after the click.
    gapInPage: r.clickAt - r.hoverAt,
    fetchAfterHover: r.fetchStart - r.hoverAt,
    fetchAfterClick: r.fetchStart - r.clickAt,
    dataAfterClick: Math.max(0, r.responseEnd - r.clickAt),
    domAfterClick: r.domAt,
  };
}

async function main() {
  await buildDemo();
  const server = await startServer({ port: 0, latency: LATENCY });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();

  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1360, height: 860 });
    await page.evaluateOnNewDocument(instrument);
    const requests = new Map();
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (/^\/api\/products\/[^/]+$/.test(pathname)) requests.set(pathname, (requests.get(pathname) ?? 0) + 1);
    });
    page.on('pageerror', (error) => console.error('page error:', error.message));

    const loadBefore = loadavg()[0];
    const results = new Map(
      GAPS.flatMap((gap) => [
        [`${gap} on`, []],
        [`${gap} off`, []],
      ]),
    );
    let n = 0;
    for (let rep = 0; rep < REPS; rep++) {
      for (const gap of GAPS) {
        for (const prefetch of rep % 2 ? [false, true] : [true, false]) {
          const id = String((n++ % PRODUCTS) + 1);
          results
            .get(`${gap} ${prefetch ? 'on' : 'off'}`)
            .push(await navigate(page, base, { id, gap, prefetch, requests }));
        }
      }
      process.stderr.write(`rep ${rep + 1}/${REPS} done\n`);
    }
    const loadAfter = loadavg()[0];
    report(results, { browser: await browser.version(), loadBefore, loadAfter });
  } finally {
    await browser.close();
    server.close();
  }
}

function report(results, { browser, loadBefore, loadAfter }) {
  const f = (ms) => (Number.isNaN(ms) ? '–' : String(Math.round(ms)));
  const med = (runs, key) => f(median(runs.map((r) => r[key])));
  const rows = GAPS.map((gap) => {
    const on = results.get(`${gap} on`);
    const off = results.get(`${gap} off`);
    const expected = Math.max(0, LATENCY - (gap - HOVER_DELAY));
    const waitOn = median(on.map((r) => r.wait));
    const framesOn = median(on.map((r) => r.fallbackFrames));
    const requests = [...on, ...off].map((r) => r.requests);
    const perNavigation = requests.every((c) => c === requests[0])
      ? String(requests[0])
      : `${Math.min(...requests)}–${Math.max(...requests)}`;
    const met =
      Math.abs(waitOn - expected) <= FRAME && (expected > 0 || framesOn === 0) && requests.every((c) => c === 1);
    return [
      gap,
      f(waitOn),
      expected,
      f(framesOn),
      med(off, 'wait'),
      med(off, 'fallbackFrames'),
      perNavigation,
      met ? 'yes' : 'no',
    ];
  });
  const diagnostics = GAPS.flatMap((gap) =>
    ['on', 'off'].map((mode) => {
      const runs = results.get(`${gap} ${mode}`);
      const request =
        mode === 'on'
          ? `${med(runs, 'fetchAfterHover')} after the hover`
          : `${med(runs, 'fetchAfterClick')} after the click`;
      return [
        gap,
        mode,
        med(runs, 'gapInPage'),
        request,
        med(runs, 'dataAfterClick'),
        med(runs, 'domAfterClick'),
        med(runs, 'wait'),
      ];
    }),
  );
  console.log(
    `\nEnd to end, ${PAGE} page: ${REPS} navigations per cell, medians. API latency ${LATENCY} ms, hover delay ${HOVER_DELAY} ms.`,
  );
  console.log(
    `${browser}, ${cpus().length} cores, load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.\n`,
  );
  console.log(
    markdownTable(
      [
        'gap (ms)',
        'wait with prefetch (ms)',
        'expected max(0, 300 − (gap − 65))',
        'fallback frames',
        'wait without prefetch (ms)',
        'fallback frames',
        'API requests / navigation',
        'target met',
      ],
      rows,
    ),
  );
  console.log(
    "\nWhere the time goes (medians, ms): the gap as the page saw it, when the product's request started, and, after the click, when its answer was in, when the content was in the DOM and the frame that painted it.\n",
  );
  console.log(
    markdownTable(
      ['gap', 'prefetch', 'hover→click', 'request started', 'click→data', 'click→DOM', 'click→frame'],
      diagnostics,
    ),
  );
}

await main();
