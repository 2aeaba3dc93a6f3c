import { expect } from '@open-wc/testing';
import { checkCacheAgainstModel } from './model/run-model.js';

// The same check as test/node/cache-model.test.mjs, fewer sequences, once in each browser.
describe('the cache against its reference model', () => {
  it('agrees with the model after every command of 200 random sequences', async function () {
    this.timeout(60_000);
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
    };
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      await checkCacheAgainstModel({ numRuns: 200, seed: 20261201, unhandled: () => unhandled });
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
    }
    expect(unhandled).to.deep.equal([]);
  });
});
