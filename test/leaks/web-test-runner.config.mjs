// The leak suite (`npm run test:leaks`, part of `npm test`): test/leaks/ in Chromium with gc()
// exposed (`--js-flags=--expose-gc`) and precise heap figures (`--enable-precise-memory-info`),
// which the other suites neither need nor should run with.
import { chromeLauncher } from '@web/test-runner-chrome';
import base, { chromiumLaunchOptions } from '../../web-test-runner.config.mjs';

export default {
  ...base,
  files: ['test/leaks/**/*.test.ts'],
  browsers: [
    chromeLauncher({
      launchOptions: {
        ...chromiumLaunchOptions,
        args: [...chromiumLaunchOptions.args, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
      },
    }),
  ],
  testFramework: { config: { timeout: 120_000 } },
};
