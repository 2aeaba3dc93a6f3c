// sessionPersister() on a server: no sessionStorage, no window, no pageshow. Persisting does
// nothing there and throws nothing; with a Storage it is given, it works as in a browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const { query, QueryCache, sessionPersister } = await import(pathToFileURL(process.env.PE_CACHE_MODULE).href);

/** A Storage stand-in over a Map, as the Web Storage API shapes it. */
function memoryStorage() {
  const items = new Map();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    items,
  };
}

describe('sessionPersister() in Node', () => {
  it('does nothing and throws nothing where there is no sessionStorage', async () => {
    assert.equal(typeof globalThis.sessionStorage, 'undefined');
    const cache = new QueryCache({ persist: sessionPersister({ version: 'server' }) });
    const user = query(async (id) => ({ id }), 'user', { cache });
    assert.deepEqual(await user('1'), { id: '1' });
    user.invalidate('1');
    cache.clear();
  });

  it('hands entries on through a Storage it is given', async () => {
    const storage = memoryStorage();
    const page = () => new QueryCache({ persist: sessionPersister({ version: 'v', storage }) });
    const first = query(async (id) => ({ id, at: 'first page' }), 'item', { cache: page() });
    await first('7');
    assert.deepEqual([...storage.items.keys()], ['prefetch-elements:item["7"]']);

    let fetched = 0;
    const next = query(
      async (id) => {
        fetched++;
        return { id, at: 'next page' };
      },
      'item',
      { cache: page() },
    );
    assert.deepEqual(await next('7'), { id: '7', at: 'first page' });
    assert.equal(fetched, 0);
  });
});
