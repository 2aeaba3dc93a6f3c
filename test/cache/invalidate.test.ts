import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { query, type QuerySnapshot } from '../../src/cache/index.js';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { cacheSuite } from '../helpers/cache.js';
import { fakeClock } from '../helpers/timers.js';

describe('q.invalidate() and q.subscribe()', () => {
  const suite = cacheSuite();

  async function cachedPair() {
    const control = controlledFetcher<string>();
    const product = query(control.fetcher, 'product', { cache: suite.cache });
    const reads = [product('1'), product('2')];
    control.calls[0].resolve('one');
    control.calls[1].resolve('two');
    await Promise.all(reads);
    return { product, calls: control.calls };
  }

  it('makes one entry stale: the next read fetches, the other entry stays fresh', async () => {
    const { product, calls } = await cachedPair();
    product.invalidate('1');
    expect(calls).to.have.length(2);
    const again = product('1');
    await product('2');
    expect(calls).to.have.length(3);
    calls[2].resolve('one again');
    expect(await again).to.equal('one again');
  });

  it('with no args makes every entry of the query stale', async () => {
    const { product, calls } = await cachedPair();
    product.invalidate();
    product('1');
    product('2');
    expect(calls.map((call) => call.args)).to.deep.equal([['1'], ['2'], ['1'], ['2']]);
  });

  it('refetches a subscribed entry at once and keeps its old value until the new one arrives', async () => {
    const { product, calls } = await cachedPair();
    const seen: QuerySnapshot<string>[] = [];
    const stop = product.subscribe(['1'], (snapshot) => seen.push(snapshot));
    product.invalidate('1');
    expect(calls).to.have.length(3);
    expect(product.peek('1')).to.include({ status: 'fulfilled', value: 'one', fetching: true });
    calls[2].resolve('one v2');
    await flush();
    expect(seen.map((s) => s.value)).to.deep.equal(['one v2']);
    stop();
  });

  it('never publishes as fresh a fetch that was in flight when invalidated', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const first = product('1');
    product.invalidate('1');
    calls[0].resolve('from before the change');
    expect(await first).to.equal('from before the change');
    const next = product('1');
    expect(calls).to.have.length(2);
    calls[1].resolve('after the change');
    expect(await next).to.equal('after the change');
  });

  it('lets no older fetch that settles late overwrite a newer result', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const older = product('1');
    product.invalidate('1');
    const newer = product('1');
    expect(calls).to.have.length(2);
    calls[1].resolve('new');
    await flush();
    calls[0].resolve('old');
    await flush();
    expect(product.peek('1')?.value).to.equal('new');
    expect(await newer).to.equal('new');
    // The read that started before the change gets the result that replaced it.
    expect(await older).to.equal('new');
    expect(await product('1')).to.equal('new');
  });

  it('aborts the signal of a fetch superseded by a newer one', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    product('1');
    product.invalidate('1');
    product('1');
    expect(calls[0].signal.aborted).to.equal(true);
    expect(calls[1].signal.aborted).to.equal(false);
  });

  it('aborts the signal of every fetch in flight when the cache is cleared', () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    product('1');
    product({ page: 2 } as never);
    suite.cache.clear();
    expect(calls.map((call) => call.signal.aborted)).to.deep.equal([true, true]);
    expect(product.peek('1')).to.equal(undefined);
  });

  it('fetches when something subscribes to a missing or stale entry', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const seen: string[] = [];
    const stop = product.subscribe(['1'], (snapshot) => seen.push(`${snapshot.status}:${snapshot.value ?? ''}`));
    expect(calls).to.have.length(1);
    calls[0].resolve('one');
    await flush();
    expect(seen).to.deep.equal(['fulfilled:one']);
    stop();
  });

  it('tells a listener about status, value and error changes, and about fetching only if asked', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache, staleTime: 0 });
    const plain: string[] = [];
    const withFetching: string[] = [];
    const stops = [
      product.subscribe(['1'], (s) => plain.push(`${s.status}/${s.fetching}`)),
      product.subscribe(['1'], (s) => withFetching.push(`${s.status}/${s.fetching}`), { fetching: true }),
    ];
    calls[0].resolve('one');
    await flush();
    product.invalidate('1');
    calls[1].reject(new Error('down'));
    await flush();
    expect(plain).to.deep.equal(['fulfilled/false', 'rejected/false']);
    expect(withFetching).to.deep.equal(['fulfilled/false', 'fulfilled/true', 'rejected/false']);
    stops.forEach((stop) => stop());
  });

  it('does not wake a listener when a refetch returns deep-equal data', async () => {
    const { fetcher, calls } = controlledFetcher<object>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const listener = sinon.spy();
    const stop = product.subscribe(['1'], listener);
    calls[0].resolve({ name: 'widget' });
    await flush();
    expect(listener.callCount).to.equal(1);
    product.invalidate('1');
    calls[1].resolve({ name: 'widget' });
    await flush();
    expect(listener.callCount).to.equal(1);
    stop();
  });

  it('keeps calling the other listeners and resolves the read when one listener throws', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const reported: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      reported.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onUnhandled);
    suite.clock.restore(); // the browser reports the listener's error from a task of its own
    try {
      const broken = new Error('listener bug');
      const later = sinon.spy();
      const stops = [
        product.subscribe(['1'], () => {
          throw broken;
        }),
        product.subscribe(['1'], later),
      ];
      const read = product('1');
      calls[0].resolve('one');
      expect(await read).to.equal('one');
      expect(later.calledOnce).to.equal(true);
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(reported).to.deep.equal([broken]);
      stops.forEach((stop) => stop());
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
      suite.clock = fakeClock(Date.now());
    }
  });

  it('settles every read when a listener starts a new fetch while the last one settles', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    let invalidated = false;
    const stop = product.subscribe(['1'], (snapshot) => {
      if (snapshot.status === 'fulfilled' && !invalidated) {
        invalidated = true;
        product.invalidate('1'); // subscribed: refetches at once, from inside the listener
      }
    });
    const first = product('1');
    calls[0].resolve('v1');
    expect(await first).to.equal('v1');
    expect(calls).to.have.length(2);
    const second = product('1');
    let secondValue: unknown = 'not yet';
    second.then((value) => (secondValue = value));
    await flush();
    expect(secondValue).to.equal('not yet');
    calls[1].resolve('v2');
    expect(await second).to.equal('v2');
    stop();
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    const listener = sinon.spy();
    const stop = product.subscribe(['1'], listener);
    stop();
    stop();
    calls[0].resolve('one');
    await flush();
    expect(listener.called).to.equal(false);
  });
});
