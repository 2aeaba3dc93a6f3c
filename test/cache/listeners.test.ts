import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { QueryCache, query, type Query, type QuerySnapshot } from '../../src/cache/index.js';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { cacheSuite } from '../helpers/cache.js';
import { fakeClock } from '../helpers/timers.js';

describe('listeners that call back into the cache', () => {
  const suite = cacheSuite();

  /** What a promise settled with, once the microtasks have run. */
  async function outcome(promise: Promise<unknown> | undefined) {
    if (!promise) return 'no promise';
    const settled = await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error) => ({ error }),
      ),
      flush(),
    ]);
    return settled ?? 'still pending';
  }

  it('gives a read inside the first fetch-start notification the fetch in flight', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    let inner: Promise<string> | undefined;
    const stop = product.subscribe(
      ['a'],
      () => {
        inner ??= product('a');
      },
      { fetching: true },
    );
    expect(inner).to.be.instanceOf(Promise);
    expect(calls).to.have.length(1);
    calls[0].resolve('A');
    expect(await outcome(inner)).to.deep.equal({ value: 'A' });
    stop();
  });

  it('gives a read inside a refetch-after-failure notification the new fetch, not the old error', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    product.prefetch(['a']);
    calls[0].reject(new Error('down'));
    await flush();
    let inner: Promise<string> | undefined;
    const stop = product.subscribe(
      ['a'],
      (snapshot) => {
        if (snapshot.fetching) inner ??= product('a');
      },
      { fetching: true },
    );
    expect(calls).to.have.length(2);
    calls[1].resolve('back');
    expect(await outcome(inner)).to.deep.equal({ value: 'back' });
    stop();
  });

  it('gives a read inside the notification of an invalidation the refetch, not the invalidated value', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    let inner: Promise<string> | undefined;
    let armed = false;
    const stop = product.subscribe(
      ['a'],
      (snapshot) => {
        if (armed && snapshot.fetching) inner ??= product('a');
      },
      { fetching: true },
    );
    calls[0].resolve('old');
    await flush();
    armed = true;
    product.invalidate('a');
    expect(calls).to.have.length(2);
    calls[1].resolve('new');
    expect(await outcome(inner)).to.deep.equal({ value: 'new' });
    stop();
  });

  it('tells every listener every change once, in order, when an earlier listener refetches', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const heard: Record<string, string[]> = { first: [], second: [] };
    const stops = [
      product.subscribe(['a'], (snapshot) => {
        heard.first.push(snapshot.status);
        if (snapshot.status === 'rejected') void product('a').catch(() => {}); // retries at once
      }),
      product.subscribe(['a'], (snapshot) => heard.second.push(snapshot.status)),
    ];
    calls[0].reject(new Error('down'));
    await flush();
    expect(calls).to.have.length(2);
    expect(heard.first).to.deep.equal(['rejected', 'pending']);
    expect(heard.second).to.deep.equal(['rejected', 'pending']);
    calls[1].resolve('A');
    await flush();
    expect(heard.second).to.deep.equal(['rejected', 'pending', 'fulfilled']);
    stops.forEach((stop) => stop());
  });

  it('stops telling a listener that a listener before it unsubscribed', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const second = sinon.spy();
    let stopSecond = () => {};
    const stopFirst = product.subscribe(['a'], () => stopSecond());
    stopSecond = product.subscribe(['a'], second);
    calls[0].resolve('A');
    await flush();
    expect(second.callCount).to.equal(0);
    stopFirst();
  });
});

describe('cache.clear()', () => {
  let cache: QueryCache;
  let clock: sinon.SinonFakeTimers;
  let product: Query<[string], string>;
  let calls: ReturnType<typeof controlledFetcher<string>>['calls'];
  beforeEach(async () => {
    cache = new QueryCache();
    clock = fakeClock();
    const control = controlledFetcher<string>();
    calls = control.calls;
    product = query(control.fetcher as (id: string) => Promise<string>, 'product', { cache });
  });
  afterEach(() => clock.restore());

  it('resets a subscribed entry, fetches it again and tells its subscribers', async () => {
    const heard: QuerySnapshot<string>[] = [];
    const stop = product.subscribe(['a'], (snapshot) => heard.push(snapshot));
    calls[0].resolve('alice');
    await flush();
    cache.clear();
    expect(calls).to.have.length(2);
    expect(product.peek('a')).to.include({ status: 'pending', value: undefined, fetching: true });
    expect(heard.map((s) => [s.status, s.value])).to.deep.equal([
      ['fulfilled', 'alice'],
      ['pending', undefined],
    ]);
    calls[1].resolve('bob');
    await flush();
    expect(heard.at(-1)).to.include({ status: 'fulfilled', value: 'bob' });
    expect(await product('a')).to.equal('bob');
    stop();
  });

  it('drops an entry nobody subscribes to and aborts its fetch', async () => {
    const read = product('a');
    cache.clear();
    expect(calls[0].signal.aborted).to.equal(true);
    expect(product.peek('a')).to.equal(undefined);
    calls[0].resolve('late');
    expect(await read).to.equal('late'); // whoever waited still gets an answer
    expect(product.peek('a')).to.equal(undefined);
  });

  it('never lets a fetch from before the reset publish over the new one', async () => {
    const stop = product.subscribe(['a'], () => {});
    cache.clear();
    calls[0].resolve('before the logout');
    await flush();
    expect(product.peek('a')).to.include({ status: 'pending', value: undefined });
    calls[1].resolve('after');
    await flush();
    expect(product.peek('a')?.value).to.equal('after');
    stop();
  });
});
