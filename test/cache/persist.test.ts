import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { QueryCache, query, sessionPersister, type PersistOptions, type Query } from '../../src/cache/index.js';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { fakeClock, START } from '../helpers/timers.js';

const PREFIX = 'prefetch-elements:';
let count = 0;

/** Our keys in sessionStorage, sorted. */
const storedKeys = () =>
  Object.keys(sessionStorage)
    .filter((key) => key.startsWith(PREFIX))
    .sort();

function clearStored(): void {
  for (const key of storedKeys()) sessionStorage.removeItem(key);
}

/**
 * One page of a multi-page site: a cache whose query `name` persists, with fetches the test
 * settles. A second call with the same name is the next page of the tab.
 */
function page<T = unknown>(name: string, options: PersistOptions & { staleTime?: number; gcTime?: number } = {}) {
  const { staleTime, gcTime, ...persistOptions } = options;
  const cache = new QueryCache({ staleTime, gcTime, persist: sessionPersister({ version: 'v1', ...persistOptions }) });
  const { fetcher, calls: fetches } = controlledFetcher<T>();
  const q = query(fetcher, name, { cache }) as Query<unknown[], T>;
  return { cache, q, fetches };
}

/**
 * Fills the real sessionStorage to its quota, as the page's own data could, in ever smaller
 * items until not even 100 characters fit. Returns the keys, to remove afterwards.
 */
function fillStorage(): string[] {
  const keys: string[] = [];
  for (const size of [256 * 1024, 16 * 1024, 1024, 100]) {
    const chunk = 'f'.repeat(size);
    for (;;) {
      const key = `filler-${keys.length}`;
      try {
        sessionStorage.setItem(key, chunk);
      } catch {
        break; // full at this size: go on with smaller items
      }
      keys.push(key);
    }
  }
  expect(keys.length, 'sessionStorage has a quota').to.be.below(100_000);
  return keys;
}

describe('sessionPersister(): the hand-off to the next page', () => {
  let name: string;
  beforeEach(() => {
    name = `persisted${++count}`;
    clearStored();
  });
  afterEach(() => {
    sinon.restore();
    clearStored();
  });

  it('gives the next page a settled value with its original time, fresh by staleTime', async () => {
    const clock = fakeClock();
    try {
      const first = page<{ name: string }>(name);
      first.q.prefetch(['42']);
      first.fetches[0]!.resolve({ name: 'Widget' });
      await flush();
      clock.tick(5_000);

      const next = page<{ name: string }>(name);
      expect(next.q.peek('42')).to.deep.equal({
        status: 'fulfilled',
        value: { name: 'Widget' },
        error: undefined,
        updatedAt: START,
        fetching: false,
      });
      expect(await next.q('42')).to.deep.equal({ name: 'Widget' });
      expect(next.fetches).to.have.length(0);
    } finally {
      clock.restore();
    }
  });

  it('gives the next page a value past staleTime as stale: it is shown, and a read fetches again', async () => {
    const clock = fakeClock();
    try {
      const first = page<string>(name, { staleTime: 1_000 });
      first.q.prefetch(['a']);
      first.fetches[0]!.resolve('old');
      await flush();
      clock.tick(1_000);

      const next = page<string>(name, { staleTime: 1_000 });
      const seen: unknown[] = [];
      next.q.subscribe(['a'], (snapshot) => seen.push(snapshot.value));
      expect(next.q.peek('a')!.value).to.equal('old');
      expect(next.fetches).to.have.length(1);
      next.fetches[0]!.resolve('new');
      await flush();
      expect(seen).to.deep.equal(['new']);
    } finally {
      clock.restore();
    }
  });

  it('keeps each key of a query apart, and objects in args by their canonical key', async () => {
    const first = page<string>(name);
    first.q.prefetch([{ b: 2, a: 1 }]);
    first.q.prefetch(['x', 3]);
    first.fetches[0]!.resolve('object');
    first.fetches[1]!.resolve('pair');
    await flush();
    expect(storedKeys()).to.deep.equal([`${PREFIX}${name}["x",3]`, `${PREFIX}${name}[{"a":1,"b":2}]`]);

    const next = page<string>(name);
    expect(next.q.peek({ a: 1, b: 2 })?.value).to.equal('object');
    expect(next.q.peek('x', 3)?.value).to.equal('pair');
  });

  it('hands on nothing for a query that opts out, or a cache that does not persist', async () => {
    const persist = sessionPersister({ version: 'v1' });
    const cache = new QueryCache({ persist });
    const optedOut = query(async () => 'kept here', name, { cache, persist: false });
    const plain = query(async () => 'kept here too', `${name}-plain`, { cache: new QueryCache() });
    await optedOut();
    await plain();
    expect(storedKeys()).to.deep.equal([]);
  });

  it('stores only a fresh value: not one fetched before an invalidation', async () => {
    const first = page<string>(name);
    first.q.prefetch(['a']);
    first.q.invalidate('a');
    first.fetches[0]!.resolve('outdated');
    await flush();
    expect(first.q.peek('a')!.value).to.equal('outdated');
    expect(storedKeys()).to.deep.equal([]);
  });

  it('stores nothing of a fetch that was in flight when the cache was cleared (a logout), even if it answers', async () => {
    const first = page<{ token: string }>(name);
    first.q.prefetch(['me']);
    first.cache.clear(); // the user logs out while their account is loading
    expect(first.fetches[0]!.signal.aborted, 'the fetch is aborted').to.equal(true);
    first.fetches[0]!.resolve({ token: 'the previous user' }); // a fetcher that ignores its signal
    await flush();
    expect(storedKeys()).to.deep.equal([]);
    expect(first.q.peek('me')).to.equal(undefined);
  });

  it('removes the stored value when the entry is invalidated, cleared or collected', async () => {
    const clock = fakeClock();
    try {
      const first = page<string>(name, { gcTime: 10_000 });
      for (const id of ['a', 'b', 'c']) first.q.prefetch([id]);
      first.fetches.forEach((fetch, i) => fetch.resolve(`value ${i}`));
      await flush();
      expect(storedKeys()).to.have.length(3);

      first.q.invalidate('a');
      expect(storedKeys()).to.deep.equal([`${PREFIX}${name}["b"]`, `${PREFIX}${name}["c"]`]);
      clock.tick(5_000);
      first.q.prefetch(['c']); // used again: collected later than b
      clock.tick(5_000);
      expect(storedKeys()).to.deep.equal([`${PREFIX}${name}["c"]`]);
      first.cache.clear();
      expect(storedKeys()).to.deep.equal([]);
    } finally {
      clock.restore();
    }
  });

  it('drops what an older deploy stored (another version)', async () => {
    const first = page<string>(name, { version: 'build-1' });
    first.q.prefetch(['a']);
    first.fetches[0]!.resolve('shaped by build 1');
    await flush();

    const next = page<string>(name, { version: 'build-2' });
    expect(next.q.peek('a')).to.equal(undefined);
    expect(storedKeys()).to.deep.equal([]);
  });

  it('survives corrupt and foreign data: nothing thrown, corrupt items removed, others left alone', () => {
    sessionStorage.setItem(`${PREFIX}${name}["a"]`, '{not json');
    sessionStorage.setItem(`${PREFIX}${name}["b"]`, '{"version":"v1","args":"b","value":1}');
    sessionStorage.setItem(`${PREFIX}${name}["c"]`, '{"version":"v1","updatedAt":1,"args":[1e400],"value":1}');
    sessionStorage.setItem(`${PREFIX}${name}["d"]`, 'null');
    sessionStorage.setItem('not-ours', '{"version":"v1"}');
    try {
      const next = page<string>(name);
      expect(['a', 'b', 'c', 'd'].map((id) => next.q.peek(id))).to.deep.equal([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(storedKeys()).to.deep.equal([]);
      expect(sessionStorage.getItem('not-ours')).to.equal('{"version":"v1"}');
    } finally {
      sessionStorage.removeItem('not-ours');
    }
  });

  it('leaves alone a stored entry of another query whose name starts alike', async () => {
    const other = page<string>(`${name}[x`);
    other.q.prefetch(['a']);
    other.fetches[0]!.resolve('the other query');
    await flush();

    const next = page<string>(name);
    expect(next.q.peek('a')).to.equal(undefined);
    expect(page<string>(`${name}[x`).q.peek('a')?.value).to.equal('the other query');
  });

  it('keeps a value that is not JSON on its page only, with one warning per query', async () => {
    const warn = sinon.stub(console, 'warn');
    const first = page<unknown>(name);
    first.q.prefetch(['a']);
    first.q.prefetch(['b']);
    first.fetches[0]!.resolve({ when: new Date(0) });
    first.fetches[1]!.resolve(new Map());
    await flush();
    expect(first.q.peek('a')!.value).to.deep.equal({ when: new Date(0) });
    expect(storedKeys()).to.deep.equal([]);
    expect(warn).to.have.been.calledOnce;
    expect(String(warn.firstCall.args[0])).to.include(`query "${name}": value.when is a Date`);
  });

  it('stays under maxBytes: the entries written longest ago make room, a value too large stays on its page', async () => {
    const warn = sinon.stub(console, 'warn');
    const first = page<string>(name, { maxBytes: 1_100 });
    for (const id of ['a', 'b', 'c', 'd']) first.q.prefetch([id]);
    first.fetches.forEach((fetch) => fetch.resolve('x'.repeat(150)));
    await flush();
    // Each item is about 2 × 252 bytes (key and value, two bytes per character): two fit.
    expect(storedKeys()).to.deep.equal([`${PREFIX}${name}["c"]`, `${PREFIX}${name}["d"]`]);

    first.q.prefetch(['huge']);
    first.fetches[4]!.resolve('x'.repeat(1_000));
    await flush();
    expect(first.q.peek('huge')!.status).to.equal('fulfilled');
    expect(storedKeys()).to.deep.equal([`${PREFIX}${name}["c"]`, `${PREFIX}${name}["d"]`]);
    expect(String(warn.firstCall.args[0])).to.include('over maxBytes');
  });

  it('survives a full sessionStorage: nothing thrown, nothing lost from memory, one warning', async () => {
    const warn = sinon.stub(console, 'warn');
    const filler = fillStorage();
    try {
      const first = page<string>(name);
      first.q.prefetch(['a']);
      first.q.prefetch(['b']);
      first.fetches[0]!.resolve('y'.repeat(10_000));
      first.fetches[1]!.resolve('z'.repeat(10_000));
      await flush();
      expect(first.q.peek('a')!.value).to.have.length(10_000);
      expect(first.q.peek('b')!.status).to.equal('fulfilled');
      expect(storedKeys()).to.deep.equal([]);
      expect(warn).to.have.been.calledOnce;
      expect(String(warn.firstCall.args[0])).to.include('storage is full');
    } finally {
      filler.forEach((key) => sessionStorage.removeItem(key));
    }
  });

  it('works with no storage at all (sessionStorage refused, as in a sandboxed frame)', async () => {
    const own = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
    });
    try {
      const first = page<string>(name);
      first.q.prefetch(['a']);
      first.fetches[0]!.resolve('in memory');
      await flush();
      expect(await first.q('a')).to.equal('in memory');
      first.q.invalidate('a');
      first.cache.clear();
    } finally {
      if (own) Object.defineProperty(window, 'sessionStorage', own);
      else Reflect.deleteProperty(window, 'sessionStorage');
    }
  });

  it('works with a storage that refuses every call (a private mode with no room)', async () => {
    const refuse = () => {
      throw new DOMException('quota is 0', 'QuotaExceededError');
    };
    const storage = { length: 0, key: refuse, getItem: refuse, setItem: refuse, removeItem: refuse };
    const warn = sinon.stub(console, 'warn');
    const first = page<string>(name, { storage });
    first.q.prefetch(['a']);
    first.fetches[0]!.resolve('in memory');
    await flush();
    expect(first.q.peek('a')!.value).to.equal('in memory');
    expect(warn).to.have.been.calledOnce;
  });

  it('adds no unload or beforeunload listener, which would keep the page out of the back/forward cache', async () => {
    const add = sinon.spy(window, 'addEventListener');
    const first = page<string>(name);
    first.q.prefetch(['a']);
    first.fetches[0]!.resolve('value');
    await flush();
    const types = add.getCalls().map((call) => call.args[0]);
    expect(types).to.include('pageshow');
    expect(types).not.to.include('unload');
    expect(types).not.to.include('beforeunload');
  });
});

describe('sessionPersister() on a page restored from the back/forward cache', () => {
  let name: string;
  beforeEach(() => {
    name = `restored${++count}`;
    clearStored();
  });
  afterEach(clearStored);

  const restoredFromCache = () => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));

  it('refetches a value on screen that went stale while the page was away, and only that', async () => {
    const clock = fakeClock();
    try {
      const away = page<string>(name, { staleTime: 1_000 });
      const seen: unknown[] = [];
      away.q.subscribe(['shown'], (snapshot) => seen.push(snapshot.value));
      away.q.prefetch(['not shown']);
      away.fetches[0]!.resolve('before');
      away.fetches[1]!.resolve('before');
      await flush();
      clock.tick(2_000);

      restoredFromCache();
      expect(away.fetches.map((fetch) => fetch.args)).to.deep.equal([['shown'], ['not shown'], ['shown']]);
      away.fetches[2]!.resolve('after');
      await flush();
      expect(seen).to.deep.equal(['before', 'after']);
    } finally {
      clock.restore();
    }
  });

  it('takes in newer values that a later page of the tab stored', async () => {
    const away = page<string>(name);
    const seen: unknown[] = [];
    away.q.subscribe(['a'], (snapshot) => seen.push(snapshot.value));
    away.fetches[0]!.resolve('from this page');
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 5)); // the later page fetches later

    const later = page<string>(name);
    later.q.invalidate('a');
    later.q.prefetch(['a']);
    later.fetches[0]!.resolve('from the later page');
    await flush();

    restoredFromCache();
    expect(seen).to.deep.equal(['from this page', 'from the later page']);
    expect(away.fetches).to.have.length(1);
  });

  it('does nothing on an ordinary pageshow', async () => {
    const clock = fakeClock();
    try {
      const first = page<string>(name, { staleTime: 1_000 });
      first.q.subscribe(['a'], () => {});
      first.fetches[0]!.resolve('value');
      await flush();
      clock.tick(2_000);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      expect(first.fetches).to.have.length(1);
    } finally {
      clock.restore();
    }
  });
});
