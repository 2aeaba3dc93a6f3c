import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { preloadRoute, registerPreload } from '../../src/preload/index.js';
import { QueryCache, query } from '../../src/cache/index.js';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { fakeClock, fakeDate } from '../helpers/timers.js';

describe('registerPreload and preloadRoute', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    cleanup.splice(0).forEach((f) => f());
    sinon.restore();
  });
  const register = (...args: Parameters<typeof registerPreload>) => {
    const unregister = registerPreload(...args);
    cleanup.push(unregister);
    return unregister;
  };

  it('runs the preload with the route params, the URL and the intent', () => {
    const preload = sinon.spy();
    register('/products/:id', preload);
    expect(preloadRoute('/products/42?color=red#reviews', 'hover')).to.equal(true);
    expect(preload).to.have.been.calledOnce;
    const { params, url, intent } = preload.firstCall.args[0];
    expect(params).to.deep.equal({ id: '42' });
    expect(url).to.be.instanceOf(URL);
    expect(url.href).to.equal(new URL('/products/42?color=red#reviews', location.href).href);
    expect(intent).to.equal('hover');
  });

  it('says "manual" when no intent is given', () => {
    const preload = sinon.spy();
    register('/manual/:id', preload);
    preloadRoute('/manual/1');
    expect(preload.firstCall.args[0].intent).to.equal('manual');
  });

  it('accepts a URL object and an absolute same-origin href', () => {
    const preload = sinon.spy();
    register('/abs/:id', preload);
    expect(preloadRoute(new URL('/abs/1', location.origin))).to.equal(true);
    expect(preloadRoute(`${location.origin}/abs/2`)).to.equal(true);
    expect(preload).to.have.been.calledTwice;
  });

  it('returns false, and runs nothing, when no pattern matches', () => {
    const preload = sinon.spy();
    register('/products/:id', preload);
    expect(preloadRoute('/about')).to.equal(false);
    expect(preload).not.to.have.been.called;
  });

  it('never runs for another origin', () => {
    const preload = sinon.spy();
    register('/products/:id', preload);
    expect(preloadRoute('https://evil.example/products/1')).to.equal(false);
    expect(preloadRoute('//evil.example/products/1')).to.equal(false);
    expect(preload).not.to.have.been.called;
  });

  it('returns false for an href that is not a URL, without throwing', () => {
    register('/*', sinon.spy());
    expect(preloadRoute('http://[::1')).to.equal(false);
    expect(preloadRoute('mailto:someone@example.com')).to.equal(false);
    expect(preloadRoute('javascript:alert(1)')).to.equal(false);
  });

  it('does not run again for the same href while the last run is fresh', () => {
    const clock = fakeDate();
    const preload = sinon.spy();
    register('/fresh/:id', preload, { staleTime: 1000 });
    preloadRoute('/fresh/1');
    clock.tick(999);
    expect(preloadRoute('/fresh/1#other-hash')).to.equal(true); // matched, but fresh
    expect(preload).to.have.been.calledOnce;
    preloadRoute('/fresh/2');
    expect(preload).to.have.been.calledTwice;
    clock.tick(1);
    preloadRoute('/fresh/1');
    expect(preload).to.have.been.calledThrice;
  });

  it('runs on every call by default, leaving freshness to the query cache', () => {
    const preload = sinon.spy();
    register('/default/:id', preload);
    preloadRoute('/default/1');
    preloadRoute('/default/1');
    expect(preload).to.have.been.calledTwice;
  });

  it('lets a query with a short staleTime be warmed again by a later intent', async () => {
    const clock = fakeClock();
    const cache = new QueryCache();
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher as (id: string) => Promise<string>, 'product', { cache, staleTime: 200 });
    register('/short/:id', ({ params }) => product.prefetch([params.id!]));
    try {
      preloadRoute('/short/1', 'hover');
      calls[0]!.resolve('v1');
      await flush();
      clock.tick(100);
      preloadRoute('/short/1', 'hover'); // still fresh in the cache: no fetch
      expect(calls).to.have.length(1);
      clock.tick(150);
      preloadRoute('/short/1', 'hover'); // stale in the cache: the second hover warms it again
      expect(calls).to.have.length(2);
      calls[1]!.resolve('v2');
      await flush();
      expect(product.peek('1')).to.include({ status: 'fulfilled', value: 'v2', fetching: false });
    } finally {
      cache.clear();
      clock.restore();
    }
  });

  it('runs every pattern that matches', () => {
    const layout = sinon.spy();
    const page = sinon.spy();
    register('/shop/*', layout);
    register('/shop/:item', page);
    preloadRoute('/shop/hat');
    expect(layout.firstCall.args[0].params).to.deep.equal({ '0': 'hat' });
    expect(page.firstCall.args[0].params).to.deep.equal({ item: 'hat' });
  });

  it('stops running a preload once unregistered', () => {
    const preload = sinon.spy();
    const unregister = register('/gone/:id', preload);
    unregister();
    expect(preloadRoute('/gone/1')).to.equal(false);
    expect(preload).not.to.have.been.called;
  });

  it('reports a preload that throws, and keeps going', async () => {
    const error = new Error('boom');
    const logged = new Promise((resolve) => sinon.stub(console, 'error').callsFake((...args) => resolve(args)));
    register('/throws/:id', () => {
      throw error;
    });
    expect(preloadRoute('/throws/1')).to.equal(true);
    const [message, reported] = (await logged) as [string, unknown];
    expect(message).to.equal(`prefetch-elements: preload of "${new URL('/throws/1', location.href).href}" failed`);
    expect(reported).to.equal(error);
  });

  it('reports a preload that rejects', async () => {
    const error = new Error('nope');
    const logged = new Promise((resolve) => sinon.stub(console, 'error').callsFake((_m, e) => resolve(e)));
    register('/rejects/:id', () => Promise.reject(error));
    preloadRoute('/rejects/1');
    expect(await logged).to.equal(error);
  });

  it('names a pattern that does not compile', () => {
    expect(() => registerPreload('/a/:x/:x', () => {})).to.throw(TypeError, '"/a/:x/:x"');
  });

  it('matches with our own matcher where URLPattern is missing', () => {
    const native = (globalThis as { URLPattern?: unknown }).URLPattern;
    delete (globalThis as { URLPattern?: unknown }).URLPattern;
    try {
      const preload = sinon.spy();
      register('/fallback{/:lang}?/docs/*', preload);
      expect(preloadRoute('/fallback/en/docs/intro')).to.equal(true);
      expect(preload.firstCall.args[0].params).to.deep.equal({ lang: 'en', '0': 'intro' });
    } finally {
      Object.assign(globalThis, { URLPattern: native });
    }
  });
});
