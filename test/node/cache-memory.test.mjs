// What a server relies on: a cache it no longer holds (a request's, once the response is sent)
// is garbage, even with a collection timer armed and its twin query kept by the module-level one.
// Needs --expose-gc (test/node/run.mjs passes it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { setImmediate as nextTurn } from 'node:timers/promises';

describe('a request cache nobody holds', () => {
  it('is collected although its collection timer is armed', async () => {
    const { query, QueryCache } = await import(pathToFileURL(process.env.PE_CACHE_MODULE).href);
    const product = query(async (id) => ({ id }), 'product', { cache: new QueryCache() }); // module level
    /** One request: its own cache, the module's query used against it, a settled entry. */
    async function request() {
      const cache = new QueryCache({ gcTime: 300_000 });
      await product.in(cache)('42'); // settled: its 5-minute collection timer is armed
      return new WeakRef(cache);
    }
    const weak = await request();
    for (let i = 0; i < 10 && weak.deref(); i++) {
      await nextTurn();
      globalThis.gc();
    }
    assert.equal(weak.deref(), undefined);
  });
});
