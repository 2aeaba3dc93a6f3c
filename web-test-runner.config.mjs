// Runs every browser test in two real engines: Debian's Chromium and Debian's Firefox ESR.
// No tool here downloads a browser (see .puppeteerrc.cjs).
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { frameworkPlugin } from './test/frameworks/wtr-framework-plugin.mjs';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH || ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));

const chromium = chromeLauncher({
  launchOptions: {
    executablePath: chromePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  },
});

const firefox = puppeteerLauncher({
  launchOptions: {
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
  },
});

const wanted = (process.env.BROWSERS || 'chromium,firefox').split(',');

export default {
  files: ['test/**/*.test.ts', 'test/frameworks/**/*.test.tsx'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), frameworkPlugin()],
  browsers: [wanted.includes('chromium') && chromium, wanted.includes('firefox') && firefox].filter(Boolean),
  // One page at a time: background tabs get throttled timers (Firefox), no focus and
  // stalled mouse input (Chromium), which breaks input-driven tests.
  concurrency: 1,
  // test/helpers/setup.ts runs before the test framework loads any test file.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script type="module" src="/test/helpers/setup.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
  // Lit's dev build (the `development` condition, kept for its warnings) announces itself in every file.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  concurrentBrowsers: 1,
  browserStartTimeout: 120000,
  testsStartTimeout: 120000,
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 10000 } },
};
