// The real browsers of the server-rendering tests, through puppeteer-core: Debian's Chromium and
// Firefox ESR (no tool downloads a browser), and what the tests look at in a page.
import assert from 'node:assert/strict';
import { launchBrowser } from '../../scripts/browsers.mjs';

/** The engines to test (`BROWSERS=chromium` or `BROWSERS=firefox` for one). */
export const engines = (process.env.BROWSERS || 'chromium,firefox').split(',');

/**
 * Launches an engine, headless. `javaScript: false` turns scripting off for the whole browser
 * (Firefox has no per-page switch over WebDriver BiDi; Chromium's is per page, see {@link withoutJavaScript}).
 */
export function launch(engine, { javaScript = true } = {}) {
  return launchBrowser(engine, { firefoxPrefs: javaScript ? {} : { 'javascript.enabled': false } });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` resolves truthy; one that throws (the document is being replaced) is asked again. */
export async function poll(condition, ms = 10_000) {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
    try {
      if (await condition()) return;
    } catch {
      // the page is between documents
    }
  }
  assert.fail(`not true within ${ms} ms: ${condition}`);
}

/**
 * Runs in every document before its own scripts: samples, on every animation frame, which of the
 * page's parts are on screen, and records Content-Security-Policy violations and dialogs.
 */
export function instrument() {
  const state = (window.__ssr = { frames: [], violations: [] });
  document.addEventListener('securitypolicyviolation', (event) =>
    state.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
  const ids = ['product-name', 'product-fallback', 'product-error', 'reviews-first', 'reviews-fallback'];
  const frame = () => {
    const sample = { upgraded: customElements.get('await-data') !== undefined, app: Boolean(window.__appRan) };
    for (const id of ids) sample[id] = document.getElementById(id)?.checkVisibility() ?? null;
    state.frames.push(sample);
    if (state.frames.length < 1_000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Whether each element (by id) is on screen now. */
export function shown(page, ...ids) {
  return page.evaluate((list) => list.map((id) => document.getElementById(id)?.checkVisibility() ?? null), ids);
}
