// Drives the demo in headless Chromium the way a person would (a real pointer) and takes
// screenshots of each state, to look at them. `node demo/screenshots.mjs [outdir]`
// (default screenshots-tmp/, which git ignores). docs/demo.png is `panel-compare.png`.
import { launchChromium } from '../bench/lib/chromium.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemo, startServer } from './server.mjs';

const out = process.argv[2] || 'screenshots-tmp';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

mkdirSync(out, { recursive: true });
await buildDemo();
const server = await startServer({ port: 0, latency: 300 });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const page = await browser.newPage();
await page.setViewport({ width: 1360, height: 860 });
page.on('pageerror', (error) => console.error('page error:', error.message));
page.on('console', (message) => message.type() === 'error' && console.error('console:', message.text()));

const shot = async (name) => {
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(join(out, `${name}.png`));
};

/** Rests the pointer on a link for `dwell` ms, then clicks it (hover, then click, as people do). */
async function hoverAndClick(selector, dwell) {
  const link = await page.waitForSelector(selector, { visible: true });
  await link.scrollIntoView();
  const box = await link.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await sleep(dwell);
  await page.mouse.down();
  await page.mouse.up();
}

const visible = (selector) =>
  page.waitForFunction((s) => document.querySelector(s)?.checkVisibility(), { timeout: 10_000 }, selector);

async function plainPages() {
  await page.goto(`${base}/?prefetch=on`);
  await page.waitForSelector('a.card');
  await sleep(300);
  await shot('home');
  // Hover long enough for the product (300 ms) but not its reviews (1.2 s).
  await hoverAndClick('a.card[href="/products/3"]', 450);
  await visible('.product-name');
  await sleep(100);
  await shot('detail-reviews-loading');
  await visible('.review-list li');
  await page.mouse.move(5, 5);
  await sleep(200);
  await shot('detail-reviews-loaded');
  await page.goto(`${base}/flaky/5`);
  await visible('.product-error');
  await sleep(100);
  await shot('error-route');
  await hoverAndClick('.product-error [data-retry]', 50);
  await visible('.product-name');
  await sleep(200);
  await shot('error-route-retried');
}

/** A few clicks with prefetching on and off, then the panel shows both medians. */
async function panelCompare() {
  await page.goto(`${base}/?prefetch=on`);
  for (const [i, prefetch] of [
    [7, false],
    [9, false],
    [11, false],
    [2, true],
    [4, true],
    [6, true],
  ]) {
    const toggle = await page.$('.switch input');
    if ((await toggle.evaluate((input) => input.checked)) !== prefetch) await page.click('.switch');
    await page.mouse.move(5, 5);
    await hoverAndClick(`a.card[href="/products/${i}"]`, 400);
    await visible('.product-name');
    await sleep(250);
    await hoverAndClick('a.back', 120);
    await page.waitForSelector(`a.card[href="/products/${i + 1}"]`);
  }
  await hoverAndClick('a.card[href="/products/8"]', 400);
  await visible('.product-name');
  await page.mouse.move(5, 5);
  await sleep(150);
  await shot('panel-compare');
}

async function frameworkPages() {
  for (const framework of ['react', 'vue']) {
    await page.goto(`${base}/${framework}?prefetch=on`);
    await page.waitForSelector('a.card');
    await sleep(200);
    await shot(`${framework}-home`);
    await hoverAndClick(`a.card[href="/${framework}/products/5"]`, 450);
    await visible('.product-name');
    await sleep(100);
    await shot(`${framework}-detail`);
    await page.goto(`${base}/${framework}/flaky/5`);
    await visible('.product-error');
    await shot(`${framework}-error`);
    await page.click('.product-error [data-retry]');
    await visible('.product-name');
    await shot(`${framework}-retried`);
  }
}

try {
  await plainPages();
  await panelCompare();
  await frameworkPages();
} finally {
  await browser.close();
  server.close();
}
