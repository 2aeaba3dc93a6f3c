import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { query } from '../../src/cache/index.js';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { cacheSuite } from '../helpers/cache.js';
import { fakeClock } from '../helpers/timers.js';

describe('q.prefetch()', () => {
  const suite = cacheSuite();

  async function cached(value: string, options = {}) {
    const control = controlledFetcher<string>();
    const product = query(control.fetcher, 'product', { cache: suite.cache, ...options });
    const read = product('42');
    control.calls[0].resolve(value);
    await read;
    return { product, calls: control.calls };
  }

  it('warms the cache so a later read does not fetch', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    expect(product.prefetch(['42'])).to.equal(undefined);
    expect(calls).to.have.length(1);
    calls[0].resolve('widget');
    await flush();
    expect(await product('42')).to.equal('widget');
    expect(calls).to.have.length(1);
  });

  it('does not fetch when a fresh entry exists or one is in flight', async () => {
    const { product, calls } = await cached('widget');
    product.prefetch(['42']);
    expect(calls).to.have.length(1);
    product.prefetch(['7']);
    product.prefetch(['7']);
    expect(calls).to.have.length(2);
  });

  it('returns nothing and leaves no unhandled rejection when the fetcher fails', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onUnhandled);
    // The browser reports unhandled rejections from a task of its own: this test runs on the real suite.clock.
    suite.clock.restore();
    try {
      const { fetcher, calls } = controlledFetcher<string>();
      const product = query(fetcher, 'product', { cache: suite.cache });
      expect(product.prefetch(['42'])).to.equal(undefined);
      calls[0].reject(new Error('HTTP 500'));
      await flush();
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).to.deep.equal([]);
      expect(product.peek('42')?.status).to.equal('rejected');
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
      suite.clock = fakeClock(Date.now());
    }
  });

  it('never throws, even for args that are not JSON-like', () => {
    const product = query(controlledFetcher<string>().fetcher as (a: unknown) => Promise<string>, 'product', {
      cache: suite.cache,
    });
    const consoleError = sinon.stub(console, 'error');
    try {
      expect(() => product.prefetch([new Map()])).to.not.throw();
      expect(consoleError.firstCall.args[0]).to.be.instanceOf(TypeError);
      expect(String(consoleError.firstCall.args[0].message)).to.contain('query "product": args[0] is a Map');
    } finally {
      consoleError.restore();
    }
  });

  it('does not block a later read after a failed prefetch, and is not retried on its own', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    product.prefetch(['42']);
    calls[0].reject(new Error('offline'));
    await flush();
    suite.clock.tick(600_000);
    expect(calls).to.have.length(1);
    const read = product('42');
    expect(calls).to.have.length(2);
    calls[1].resolve('widget');
    expect(await read).to.equal('widget');
  });

  it('with ifOlderThan fetches only when the last success is older', async () => {
    const { product, calls } = await cached('widget');
    suite.clock.tick(5_000);
    product.prefetch(['42'], { ifOlderThan: 10_000 });
    expect(calls).to.have.length(1);
    suite.clock.tick(5_001);
    product.prefetch(['42'], { ifOlderThan: 10_000 });
    expect(calls).to.have.length(2);
  });

  it('with ifOlderThan fetches when there was never a success', () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    product.prefetch(['42'], { ifOlderThan: 60_000 });
    expect(calls).to.have.length(1);
  });

  it('with force fetches even though the value is fresh', async () => {
    const { product, calls } = await cached('widget');
    product.prefetch(['42'], { force: true });
    expect(calls).to.have.length(2);
    calls[1].resolve('fresher');
    await flush();
    expect(product.peek('42')?.value).to.equal('fresher');
  });

  it('with force keeps serving the fresh value at once while the refetch runs', async () => {
    const { product, calls } = await cached('widget');
    product.prefetch(['42'], { force: true });
    let served: unknown = 'nothing yet';
    product('42').then((value) => (served = value));
    await flush();
    expect(served).to.equal('widget');
    expect(product.peek('42')).to.include({ status: 'fulfilled', value: 'widget', fetching: true });
    calls[1].resolve('fresher');
    await flush();
    expect(await product('42')).to.equal('fresher');
  });

  it('with force still joins a fetch in flight', () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache });
    product('42');
    product.prefetch(['42'], { force: true });
    product.prefetch(['42'], { force: true });
    expect(calls).to.have.length(1);
  });
});
