// Runs every browser test in three real engines: Debian's Chromium, Debian's Firefox ESR and
// Debian's WebKitGTK (MiniBrowser through its WebDriver, see test/wtr/webkit.mjs). BROWSERS picks
// some of them (`BROWSERS=webkit`, `BROWSERS=chromium,firefox`). No tool here downloads a browser
// (see .puppeteerrc.cjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { frameworkPlugin } from './test/frameworks/wtr-framework-plugin.mjs';
import { inputPlugin } from './test/wtr/input-plugin.mjs';
import { webkitLauncher } from './test/wtr/webkit.mjs';
import { chromiumLaunchOptions, firefoxLaunchOptions } from './scripts/browsers.mjs';

// How Chromium is launched here (also by the leak suite, test/leaks/web-test-runner.config.mjs).
export { chromiumLaunchOptions };

const chromium = chromeLauncher({ launchOptions: chromiumLaunchOptions });

const firefox = puppeteerLauncher({ launchOptions: firefoxLaunchOptions });

/**
 * A longer or another fuzz run: FUZZ_RUNS=<n> sequences per suite, FUZZ_SEED=<n> another seed,
 * FUZZ_PATH=<path> (with its seed, from a failure's report) replays one counterexample at once.
 */
const fuzz = {
  runs: Number(process.env.FUZZ_RUNS) || undefined,
  seed: Number(process.env.FUZZ_SEED) || undefined,
  path: process.env.FUZZ_PATH || undefined,
};

const engines = { chromium, firefox, webkit: webkitLauncher() };
const wanted = (process.env.BROWSERS || 'chromium,firefox,webkit').split(',').map((name) => name.trim());
const unknown = wanted.filter((name) => !(name in engines));
if (unknown.length > 0) throw new Error(`BROWSERS: unknown engine ${unknown.join(', ')} (chromium, firefox, webkit)`);

export default {
  // test/leaks/ runs on its own (npm run test:leaks): Chromium with gc() exposed.
  files: ['test/**/*.test.ts', 'test/frameworks/**/*.test.tsx', '!test/leaks/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    frameworkPlugin(),
    // sendKeys down/up and setViewport for WebDriver too (test/helpers/input.ts).
    inputPlugin(),
  ],
  browsers: wanted.map((name) => engines[name]),
  // One page at a time: background tabs get throttled timers (Firefox), no focus and
  // stalled mouse input (Chromium), which breaks input-driven tests.
  concurrency: 1,
  // test/helpers/setup.ts runs before the test framework loads any test file. FUZZ_RUNS and
  // FUZZ_SEED (and FUZZ_PATH) reach the fuzz suites (test/helpers/fuzz.ts) as a global.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script>globalThis.FUZZ = ${JSON.stringify(fuzz)};</script><script type="module" src="/test/helpers/setup.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
  // Lit's dev build (the `development` condition, kept for its warnings) announces itself in every file.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  concurrentBrowsers: 1,
  browserStartTimeout: 120000,
  testsStartTimeout: 120000,
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 10000 } },
};
