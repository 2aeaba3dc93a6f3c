/**
 * Server rendering: how soon does a user see something, and how many requests does the page
 * make, when the server streams (ours) versus when it sends the page only once all its data is
 * there, and versus a page whose data the browser fetches?
 *
 *   npm run bench:ssr      (REPS=11 for more repetitions, CHROME_PATH for another Chromium)
 *
 * The demo's /ssr/products/:id page (the product takes 300 ms on the server, its reviews 1.2 s):
 * - stream (ours): the product awaited, the page sent at once, the reviews streamed into the same
 *   response (`renderToStream`), under `Content-Security-Policy: script-src 'self'`;
 * - all data first: the same render, sent only once the reviews are there too (`?render=all`),
 *   as a server that does not stream would;
 * - client: the same HTML with no server data (`?render=client`): the library fetches both parts.
 *
 * Each navigation opens a new tab with the HTTP cache cleared. A requestAnimationFrame loop that
 * starts with the document samples what is on screen; times count from the navigation's start:
 * the first byte (`responseStart`), the first frame with the product, the first frame with the
 * reviews' fallback, the first frame with the reviews. The server counts the page's API requests.
 * Modes are interleaved so that machine noise hits them alike. Medians.
 *
 * Goal: the first byte and the product at least 2x sooner than with all data first, the reviews'
 * fallback on screen with the product, and zero API requests for the streamed parts. The exit
 * code is 0 even when it is missed: this is a measurement, not a test.
 */
import { cpus, loadavg } from 'node:os';
import { launchChromium } from './lib/chromium.mjs';
import { buildDemo, startServer } from '../demo/server.mjs';
import { markdownTable, median, range } from './lib/stats.mjs';

const MODES = [
  { name: 'stream (ours)', render: 'stream' },
  { name: 'all data first', render: 'all' },
  { name: 'client fetches', render: 'client' },
];
const REPS = Number(process.env.REPS || 7);
const LATENCY = 300;
const PRODUCTS = 12;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs in the document before its scripts: the first frame that shows each part (null: none yet). */
function instrument() {
  const state = (window.__bench = { product: null, fallback: null, reviews: null });
  const isShown = (selector, nonEmpty) =>
    [...document.querySelectorAll(selector)].some((el) => el.checkVisibility() && (!nonEmpty || el.textContent.trim()));
  const frame = () => {
    const now = performance.now();
    if (state.product === null && isShown('.product-name', true)) state.product = now;
    if (state.fallback === null && isShown('.reviews-fallback')) state.fallback = now;
    if (state.reviews === null && isShown('.review-list li')) state.reviews = now;
    if (state.reviews === null && now < 15_000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** One navigation in a new tab with an empty HTTP cache. */
async function navigate(browser, base, { id, render, counts }) {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1200, height: 900 });
    await page.evaluateOnNewDocument(instrument);
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    counts.clear();
    await page.goto(`${base}/ssr/products/${id}?render=${render}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench.reviews !== null, { timeout: 15_000 });
    await sleep(200); // a request for a part the page already has would have started by now
    const result = await page.evaluate(() => ({
      ...window.__bench,
      ttfb: performance.getEntriesByType('navigation')[0].responseStart,
    }));
    const apiRequests = [...counts].filter(([path]) => path.startsWith('/api/')).reduce((sum, [, n]) => sum + n, 0);
    return { ...result, apiRequests };
  } finally {
    await page.close();
  }
}

async function main() {
  await buildDemo();
  const server = await startServer({ port: 0, latency: LATENCY });
  const counts = new Map();
  server.on('request', (request) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  try {
    // Builds the server modules and the page's bundle before the first measurement.
    await (await fetch(`${base}/ssr/app.js`)).text();
    await (await fetch(`${base}/ssr/products/1`)).text();
    const loadBefore = loadavg()[0];
    const results = new Map(MODES.map((mode) => [mode.render, []]));
    let n = 0;
    for (let rep = 0; rep < REPS; rep++) {
      const order = rep % 2 ? [...MODES].reverse() : MODES;
      for (const { render } of order) {
        const id = String((n++ % PRODUCTS) + 1);
        results.get(render).push(await navigate(browser, base, { id, render, counts }));
      }
      process.stderr.write(`rep ${rep + 1}/${REPS} done\n`);
    }
    report(results, { browser: await browser.version(), loadBefore, loadAfter: loadavg()[0] });
  } finally {
    await browser.close();
    server.close();
  }
}

function report(results, { browser, loadBefore, loadAfter }) {
  const ms = (value) => (Number.isNaN(value) ? 'never' : String(Math.round(value)));
  const med = (render, key) => median(results.get(render).map((run) => run[key]));
  const rangeOf = (render, key) => range(results.get(render).map((run) => run[key]));
  const ratio = (key) => `${(med('all', key) / med('stream', key)).toFixed(1)}x`;
  const rows = MODES.map(({ name, render }) => [
    name,
    ms(med(render, 'ttfb')),
    ms(med(render, 'product')),
    ms(med(render, 'fallback')),
    ms(med(render, 'reviews')),
    rangeOf(render, 'apiRequests'),
  ]);
  rows.push(['all data first / stream', ratio('ttfb'), ratio('product'), '', ratio('reviews'), '']);
  const head = [
    'page',
    'first byte (ms)',
    'product on screen (ms)',
    "reviews' fallback on screen (ms)",
    'reviews on screen (ms)',
    'API requests per page',
  ];
  console.log(
    `\nServer rendering, /ssr/products/:id: ${REPS} navigations per row, medians from the navigation's start.`,
  );
  console.log(`Product ${LATENCY} ms on the server, reviews 1 200 ms. ${browser}, ${cpus().length} cores,`);
  console.log(`load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.\n`);
  console.log(markdownTable(head, rows));
  const met =
    med('all', 'ttfb') / med('stream', 'ttfb') >= 2 &&
    med('all', 'product') / med('stream', 'product') >= 2 &&
    results.get('stream').every((run) => run.apiRequests === 0 && run.fallback !== null && run.fallback <= run.product);
  console.log(
    `\nGoal (first byte and product 2x sooner, fallback with the product, 0 requests): ${met ? 'met' : 'MISSED'}`,
  );
}

await main();
