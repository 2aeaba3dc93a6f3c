// The browsers the package tests open pages in: Debian's Chromium and Firefox ESR through
// puppeteer-core (CHROME_PATH and FIREFOX_PATH override where they are).
import puppeteer from 'puppeteer-core';
import { launchChromium } from '../../bench/lib/chromium.mjs';

/** Each browser by name, as a function that launches it headless. */
export const browsers = {
  chromium: () => launchChromium(),
  firefox: () =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
      headless: true,
    }),
};
