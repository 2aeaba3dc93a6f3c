// How this project launches its browsers, for every tool that does (web-test-runner, the
// server-rendering and multi-page tests, the benchmarks): Debian's Chromium and Firefox ESR
// through puppeteer-core; nothing downloads a browser (see .puppeteerrc.cjs).
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

/** Chromium, as root, headless, with no background traffic (this machine's network is closed). */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

/** Firefox ESR, headless, driven by puppeteer over WebDriver BiDi. */
export const firefoxLaunchOptions = {
  browser: 'firefox',
  executablePath: process.env.FIREFOX_PATH || ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)),
  headless: true,
};

/**
 * Launches `chromium` or `firefox` with the options above; `args` are added to Chromium's,
 * `firefoxPrefs` set in Firefox.
 */
export function launchBrowser(engine, { args = [], firefoxPrefs = {} } = {}) {
  if (engine === 'firefox') return puppeteer.launch({ ...firefoxLaunchOptions, extraPrefsFirefox: firefoxPrefs });
  return puppeteer.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, ...args] });
}
