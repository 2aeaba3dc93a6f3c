// The cache in Node: no window, no document, no lit. What a server (one cache per request) relies on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const inputs = JSON.parse(process.env.PE_CACHE_INPUTS);

describe('the cache in Node with no DOM', () => {
  it('has no DOM globals to lean on', () => {
    assert.equal(typeof globalThis.document, 'undefined');
    assert.equal(typeof globalThis.window, 'undefined');
    assert.equal(typeof globalThis.HTMLElement, 'undefined');
  });

  it('is built from our cache sources only: no lit, no element code', () => {
    assert.ok(inputs.length > 0);
    for (const input of inputs) assert.match(input, /^src\/cache\//, `unexpected input ${input}`);
  });

  it('imports and dedupes concurrent reads', async () => {
    const { query, QueryCache } = await import(pathToFileURL(process.env.PE_CACHE_MODULE).href);
    const cache = new QueryCache();
    let calls = 0;
    const user = query(
      async function (id) {
        calls++;
        assert.ok(this.signal instanceof AbortSignal);
        await new Promise((resolve) => setImmediate(resolve));
        return { id, name: `user ${id}` };
      },
      'user',
      { cache },
    );
    const [a, b] = await Promise.all([user('7'), user('7')]);
    assert.equal(calls, 1);
    assert.equal(a, b);
    assert.deepEqual(user.peek('7'), {
      status: 'fulfilled',
      value: a,
      error: undefined,
      updatedAt: user.peek('7').updatedAt,
      fetching: false,
    });
    cache.clear();
  });

  it('keeps a server request cache apart from another', async () => {
    const { query, QueryCache } = await import(pathToFileURL(process.env.PE_CACHE_MODULE).href);
    const make = (cache, who) => query(async () => who, 'session', { cache });
    const first = make(new QueryCache(), 'alice');
    const second = make(new QueryCache(), 'bob');
    assert.equal(await first(), 'alice');
    assert.equal(await second(), 'bob');
  });

  it('lets a deferred rejection wait unawaited without an unhandled rejection', async () => {
    const { defer } = await import(pathToFileURL(process.env.PE_CACHE_MODULE).href);
    const unhandled = [];
    const onUnhandled = (reason) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reviews = defer(Promise.reject(new Error('reviews down')));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(reviews.status, 'rejected');
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('does not keep the process alive with its collection timer', async () => {
    const { query, QueryCache } = await import(pathToFileURL(process.env.PE_CACHE_MODULE).href);
    const cache = new QueryCache({ gcTime: 3_600_000 });
    const slow = query(async (n) => n * 2, 'double', { cache });
    assert.equal(await slow(21), 42);
    // If the hour-long gc timer were not unref'd, node --test would wait an hour here.
    assert.equal(slow.peek(21).value, 42);
  });
});
