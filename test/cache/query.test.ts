import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { QueryCache, query } from '../../src/cache/index.js';
import { controlledFetcher, deferred } from '../helpers/deferred.js';
import { cacheSuite } from '../helpers/cache.js';
import { fakeClock } from '../helpers/timers.js';

describe('query() reads', () => {
  const suite = cacheSuite();

  it('shares one fetch between concurrent calls with equal args', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const reads = [product('42'), product('42'), product('42')];
    expect(calls).to.have.length(1);
    calls[0].resolve('widget');
    expect(await Promise.all(reads)).to.deep.equal(['widget', 'widget', 'widget']);
  });

  it('passes the args to the fetcher and keeps different args apart', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const a = product('1');
    const b = product('2');
    expect(calls.map((c) => c.args)).to.deep.equal([['1'], ['2']]);
    calls[1].resolve('two');
    calls[0].resolve('one');
    expect([await a, await b]).to.deep.equal(['one', 'two']);
  });

  it('keys objects by sorted keys, without undefined properties', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const search = query(fetcher, 'search', { cache: suite.cache });
    const first = search({ q: 'lamp', page: 1, filters: { b: 2, a: 1 } });
    const second = search({ filters: { a: 1, b: 2, c: undefined }, page: 1, q: 'lamp', sort: undefined });
    expect(calls).to.have.length(1);
    expect(search.key({ page: 1, q: 'lamp' })).to.equal('search[{"page":1,"q":"lamp"}]');
    expect(search.key({ q: 'lamp', page: 1, x: undefined })).to.equal(search.key({ page: 1, q: 'lamp' }));
    calls[0].resolve('found');
    expect(await second).to.equal(await first);
  });

  it('treats trailing undefined args as absent', () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const list = query(fetcher as (page?: number, size?: number) => Promise<string>, 'list', { cache: suite.cache });
    list();
    list(undefined);
    list(undefined, undefined);
    expect(calls).to.have.length(1);
    expect(list.key(1, undefined)).to.equal(list.key(1));
    expect(list.key()).to.equal('list[]');
  });

  it('gives q(undefined) the key of q(), which is not the key of q(null)', () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const list = query(fetcher as (page?: number | null) => Promise<string>, 'list', { cache: suite.cache });
    expect(list.key(undefined)).to.equal(list.key());
    expect(list.key(null)).to.not.equal(list.key());
    list(undefined);
    list();
    list(null);
    expect(calls.map((call) => call.args)).to.deep.equal([[], [null]]);
  });

  it('keeps a string and a number with the same digits apart', () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher as (id: string | number) => Promise<string>, 'product', { cache: suite.cache });
    product('1');
    product(1);
    expect(calls).to.have.length(2);
    expect(product.key('1')).to.not.equal(product.key(1));
  });

  it('throws a TypeError that names the query and the bad value for args that are not JSON-like', () => {
    const { fetcher } = controlledFetcher<string>();
    const search = query(fetcher as (arg: unknown) => Promise<string>, 'search', { cache: suite.cache });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const cases: [unknown, RegExp][] = [
      [new Map(), /query "search": args\[0\] is a Map/],
      [new Set([1]), /args\[0\] is a Set/],
      [{ when: new Date(0) }, /args\[0\]\.when is a Date/],
      [{ f: () => 1 }, /args\[0\]\.f is a function/],
      [[1, Symbol('s')], /args\[0\]\[1\] is a symbol/],
      [{ n: 10n }, /args\[0\]\.n is a bigint/],
      [{ n: NaN }, /args\[0\]\.n is NaN/],
      [cycle, /args\[0\]\.self is a cycle/],
    ];
    for (const [arg, message] of cases) {
      expect(() => search.key(arg), String(message)).to.throw(TypeError, message);
      expect(() => search(arg), String(message)).to.throw(TypeError, message);
    }
  });

  it('serves a fresh value from the cache without fetching again', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const first = product('42');
    calls[0].resolve('widget');
    await first;
    suite.clock.tick(29_999);
    expect(await product('42')).to.equal('widget');
    expect(calls).to.have.length(1);
  });

  it('returns the same resolved promise for every hit (no new promise per read)', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const first = product('42');
    calls[0].resolve('widget');
    await first;
    expect(product('42')).to.equal(product('42'));
  });

  it('refetches a value older than staleTime', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache, staleTime: 1_000 });
    const first = product('42');
    calls[0].resolve('old');
    await first;
    suite.clock.tick(1_000);
    const second = product('42');
    expect(calls).to.have.length(2);
    calls[1].resolve('new');
    expect(await second).to.equal('new');
  });

  it('uses the defaults of its cache: staleTime 30 000 ms', async () => {
    expect(new QueryCache().staleTime).to.equal(30_000);
    expect(new QueryCache().gcTime).to.equal(300_000);
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: new QueryCache({ staleTime: 10 }) });
    const first = product('1');
    calls[0].resolve('a');
    await first;
    suite.clock.tick(10);
    product('1');
    expect(calls).to.have.length(2);
  });

  it('never caches a rejection: the next read fetches again', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const failing = product('42');
    calls[0].reject(new Error('HTTP 500'));
    const error = await failing.catch((e: Error) => e);
    expect((error as Error).message).to.equal('HTTP 500');
    expect(product.peek('42')).to.include({ status: 'rejected', error });
    const retry = product('42');
    expect(calls).to.have.length(2);
    calls[1].resolve('widget');
    expect(await retry).to.equal('widget');
    expect(product.peek('42')).to.include({ status: 'fulfilled', value: 'widget', error: undefined });
  });

  it('turns a fetcher that throws synchronously into a rejection', async () => {
    const product = query(
      (id: string): Promise<string> => {
        throw new Error(`no ${id}`);
      },
      'product',
      { cache: suite.cache },
    );
    const error = await product('9').catch((e: Error) => e.message);
    expect(error).to.equal('no 9');
  });

  it('reports the state synchronously through peek()', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    expect(product.peek('42')).to.equal(undefined);
    const read = product('42');
    expect(product.peek('42')).to.include({ status: 'pending', fetching: true, updatedAt: 0 });
    calls[0].resolve('widget');
    await read;
    expect(product.peek('42')).to.deep.equal({
      status: 'fulfilled',
      value: 'widget',
      error: undefined,
      updatedAt: 1_000_000,
      fetching: false,
    });
  });

  it('keeps the same object when a refetch returns deep-equal data', async () => {
    const { fetcher, calls } = controlledFetcher<object>();
    const product = query(fetcher, 'product', { cache: suite.cache, staleTime: 0 });
    const first = product('42');
    calls[0].resolve({ name: 'widget', tags: ['a', 'b'], price: { amount: 3 } });
    const value = await first;
    const second = product('42');
    calls[1].resolve({ price: { amount: 3 }, tags: ['a', 'b'], name: 'widget' });
    expect(await second).to.equal(value);
    const third = product('42');
    calls[2].resolve({ name: 'widget', tags: ['a', 'c'], price: { amount: 3 } });
    expect(await third).to.not.equal(value);
  });

  it('is found by name in its cache, and a later query of the same name replaces it', () => {
    const product = query(controlledFetcher<string>().fetcher, 'product', { cache: suite.cache });
    expect(suite.cache.get('product')).to.equal(product);
    expect(product.name).to.equal('product');
    expect(suite.cache.get('nope')).to.equal(undefined);
    const again = query(controlledFetcher<string>().fetcher, 'product', { cache: suite.cache });
    expect(suite.cache.get('product')).to.equal(again);
  });

  it('resolves whenDefined() once a query of that name is registered, and at once if it is', async () => {
    const waiting = suite.cache.whenDefined('late');
    const again = suite.cache.whenDefined('late');
    let found: unknown;
    void waiting.then((q) => (found = q));
    await Promise.resolve();
    expect(found).to.equal(undefined);
    const late = query(controlledFetcher<string>().fetcher, 'late', { cache: suite.cache });
    expect(await waiting).to.equal(late);
    expect(await again).to.equal(late);
    expect(await suite.cache.whenDefined('late')).to.equal(late);
  });

  it('clears and collects the entries of a query that a later one of its name replaced', async () => {
    const first = query(async (id: string) => ({ id, from: 'first bundle' }), 'profile', { cache: suite.cache });
    await first('1');
    await first('2');
    const second = query(async (id: string) => ({ id, from: 'second bundle' }), 'profile', { cache: suite.cache });
    expect(suite.cache.get('profile')).to.equal(second);
    expect(first.peek('1')!.value, 'replacing a query drops nothing by itself').to.deep.equal({
      id: '1',
      from: 'first bundle',
    });
    suite.cache.clear(); // a logout
    expect(first.peek('1'), 'cleared').to.equal(undefined);
    await first('3'); // the first bundle still uses its query
    suite.clock.tick(suite.cache.gcTime);
    expect(first.peek('3'), 'collected').to.equal(undefined);
  });

  it('stops a whenDefined() wait when its signal aborts: it rejects with the reason and resolves nothing later', async () => {
    const stop = new AbortController();
    const waiting = suite.cache.whenDefined('never', { signal: stop.signal });
    const reason = new Error('unmounted');
    stop.abort(reason);
    let error: unknown;
    await waiting.catch((caught: unknown) => (error = caught));
    expect(error).to.equal(reason);
    const aborted = new AbortController();
    aborted.abort(reason);
    let again: unknown;
    await suite.cache.whenDefined('never', { signal: aborted.signal }).catch((caught: unknown) => (again = caught));
    expect(again, 'a signal aborted already').to.equal(reason);
    const other = suite.cache.whenDefined('never'); // another waiter of the same name is not affected
    const never = query(controlledFetcher<string>().fetcher, 'never', { cache: suite.cache });
    expect(await other).to.equal(never);
  });

  it('rejects a missing fetcher or name with a TypeError', () => {
    expect(() => query(undefined as never, 'x', { cache: suite.cache })).to.throw(TypeError, /query\(fetcher, name\)/);
    expect(() => query(async () => 1, '', { cache: suite.cache })).to.throw(TypeError, /query\(fetcher, name\)/);
  });
});

describe('q.set()', () => {
  let cache: QueryCache;
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    cache = new QueryCache({ staleTime: 10_000 });
    clock = fakeClock();
  });
  afterEach(() => {
    cache.clear();
    clock.restore();
  });

  it('puts a fulfilled value in at once, dated as given, and staleTime counts from that date', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher as (id: string) => Promise<string>, 'product', { cache });
    product.set(['42'], 'Widget', { updatedAt: Date.now() - 4_000 });
    expect(product.peek('42')).to.include({ status: 'fulfilled', value: 'Widget', updatedAt: Date.now() - 4_000 });
    expect(await product('42')).to.equal('Widget');
    expect(calls).to.have.length(0);
    clock.tick(6_000); // 10 s after the given date: stale
    void product('42');
    expect(calls).to.have.length(1);
  });

  it('never dates a value later than now', () => {
    const product = query(controlledFetcher<string>().fetcher, 'product', { cache });
    product.set(['1'], 'from a fast clock', { updatedAt: Date.now() + 60_000 });
    expect(product.peek('1')?.updatedAt).to.equal(Date.now());
  });

  it('takes a promise as the fetch in flight: readers join it and nothing is fetched', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher as (id: string) => Promise<string>, 'product', { cache });
    const arriving = deferred<string>();
    product.set(['42'], arriving.promise);
    expect(product.peek('42')).to.include({ status: 'pending', fetching: true });
    const read = product('42');
    product.prefetch(['42']);
    expect(calls).to.have.length(0);
    arriving.resolve('Streamed');
    expect(await read).to.equal('Streamed');
    expect(product.peek('42')).to.include({ status: 'fulfilled', value: 'Streamed', fetching: false });
  });

  it('tells the subscribers, and a value set over a fetch in flight wins over it', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher as (id: string) => Promise<string>, 'product', { cache });
    const heard: string[] = [];
    const stop = product.subscribe(['1'], (snapshot) => heard.push(`${snapshot.status} ${snapshot.value}`));
    const read = product('1');
    product.set(['1'], 'set');
    expect(calls[0]!.signal.aborted).to.equal(true);
    calls[0]!.resolve('fetched late');
    expect(await read).to.equal('set');
    expect(heard).to.deep.equal(['fulfilled set']);
    stop();
  });
});

describe('q.in(cache)', () => {
  it('is the same query in another cache, with entries of its own, made once', async () => {
    let calls = 0;
    const mine = new QueryCache();
    const product = query(
      async (id: string) => {
        calls++;
        return `product ${id}`;
      },
      'product',
      { cache: mine, staleTime: 1234 },
    );
    const request = new QueryCache();
    const twin = product.in(request);
    expect(twin).to.not.equal(product);
    expect(product.in(request)).to.equal(twin);
    expect(product.in(mine)).to.equal(product);
    expect(request.get('product')).to.equal(twin);
    expect(await twin('1')).to.equal('product 1');
    expect(product.peek('1')).to.equal(undefined); // the other cache's entry is its own
    expect(await product('1')).to.equal('product 1');
    expect(calls).to.equal(2);
    mine.clear();
    request.clear();
  });

  it('keeps two requests’ data apart', async () => {
    const user = query(async function (this: unknown, id: string) {
      return { id, seen: Math.random() };
    }, 'user');
    const first = new QueryCache();
    const second = new QueryCache();
    const [a, b] = await Promise.all([user.in(first)('1'), user.in(second)('1')]);
    expect(a).to.not.equal(b);
    expect(user.in(first).peek('1')?.value).to.equal(a);
    expect(user.in(second).peek('1')?.value).to.equal(b);
  });
});
