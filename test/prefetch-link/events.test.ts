import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import type { PrefetchLinkElement } from '../../src/prefetch-link/index.js';
import { QueryCache, query } from '../../src/cache/index.js';
import { registerPreload, type PreloadContext } from '../../src/preload/index.js';
import { controlledFetcher, flush, nextTask } from '../helpers/deferred.js';
import { cleanUp, deferred, hover, linkSuite, route, touch, uniquePath } from './helpers.js';

describe('<prefetch-link> events', () => {
  let base: string;
  beforeEach(() => (base = uniquePath()));
  afterEach(cleanUp);

  const link = (path: string) =>
    fixture<PrefetchLinkElement>(html`<prefetch-link><a href="${base}${path}">Go</a></prefetch-link>`);

  it('fires prefetchstart, then prefetchend once the preload settles', async () => {
    const run = deferred();
    route(`${base}/:id`, () => run.promise);
    const el = await link('/1');
    const seen: string[] = [];
    for (const type of ['prefetchstart', 'prefetchend', 'prefetcherror'])
      el.addEventListener(type, () => seen.push(type));
    const ended = oneEvent(el, 'prefetchend');
    touch(el.querySelector('a')!);
    expect(seen).to.deep.equal(['prefetchstart']);
    run.resolve(undefined);
    await ended;
    expect(seen).to.deep.equal(['prefetchstart', 'prefetchend']);
  });

  it('bubbles, is composed, and carries the absolute href and the intent', async () => {
    route(`${base}/:id`);
    const el = await link('/1');
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    el.replaceWith(host);
    root.append(el);
    const started = oneEvent(document, 'prefetchstart');
    const ended = oneEvent(document, 'prefetchend');
    touch(el.querySelector('a')!);
    const [start, end] = [await started, await ended];
    expect(start).to.be.instanceOf(CustomEvent);
    expect([start.bubbles, start.composed, start.cancelable]).to.deep.equal([true, true, true]);
    expect([end.bubbles, end.composed, end.cancelable]).to.deep.equal([true, true, false]);
    expect(start.detail).to.deep.equal({ href: new URL(`${base}/1`, location.href).href, intent: 'touch' });
    expect(end.detail).to.deep.equal(start.detail);
    host.remove();
  });

  it('skips the preload when prefetchstart is cancelled', async () => {
    const preload = route(`${base}/:id`);
    const el = await link('/1');
    el.addEventListener('prefetchstart', (e) => e.preventDefault(), { once: true });
    const ended = sinon.spy();
    el.addEventListener('prefetchend', ended);
    touch(el.querySelector('a')!);
    expect(preload).not.to.have.been.called;
    await Promise.resolve();
    expect(ended).not.to.have.been.called;
    // Cancelling did not count as a run: the next intent preloads.
    touch(el.querySelector('a')!);
    expect(preload).to.have.been.calledOnce;
  });

  it('fires no event when nothing matches, and one for each intent that runs a preload', async () => {
    const preload = route(`${base}/products/:id`);
    const el = await fixture(
      html`<prefetch-link><a href="${base}/about">About</a><a href="${base}/products/1">P</a></prefetch-link>`,
    );
    const started = sinon.spy();
    el.addEventListener('prefetchstart', started);
    const [about, product] = el.querySelectorAll('a');
    touch(about!);
    expect(started.callCount).to.equal(0);
    touch(product!);
    touch(product!); // the query cache, not the element, decides whether this fetches
    expect(started.callCount).to.equal(2);
    expect(preload.callCount).to.equal(2);
  });

  it('fires no event while a route’s own staleTime holds', async () => {
    const preload = sinon.spy();
    const unregister = registerPreload(`${base}/costly/:id`, () => preload(), { staleTime: 60_000 });
    try {
      const el = await fixture(html`<prefetch-link><a href="${base}/costly/1">C</a></prefetch-link>`);
      const started = sinon.spy();
      el.addEventListener('prefetchstart', started);
      touch(el.querySelector('a')!);
      touch(el.querySelector('a')!);
      expect(started.callCount).to.equal(1);
      expect(preload.callCount).to.equal(1);
    } finally {
      unregister();
    }
  });

  for (const [how, impl] of [
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    ['rejects', () => Promise.reject(new Error('boom'))],
  ] as const) {
    it(`reports a preload that ${how} with prefetcherror and the console, and the page keeps working`, async () => {
      const consoleError = sinon.stub(console, 'error');
      route(`${base}/bad/:id`, impl);
      const good = route(`${base}/good/:id`);
      const el = await fixture(
        html`<prefetch-link><a href="${base}/bad/1">Bad</a><a href="${base}/good/1">Good</a></prefetch-link>`,
      );
      const errored = oneEvent(el, 'prefetcherror');
      const ended = oneEvent(el, 'prefetchend');
      const [bad, ok] = el.querySelectorAll('a');
      touch(bad!);
      const error = await errored;
      expect(error.detail.error).to.be.instanceOf(Error).with.property('message', 'boom');
      expect(error.detail.href).to.equal(bad!.href);
      expect([error.bubbles, error.composed, error.cancelable]).to.deep.equal([true, true, true]);
      await ended;
      expect(consoleError).to.have.been.calledOnceWith(
        `prefetch-elements: preload of "${bad!.href}" failed`,
        error.detail.error,
      );
      touch(ok!);
      expect(good).to.have.been.calledOnce;
    });
  }

  // Found in review: the runs of several matching routes (a layout's and a page's) were joined
  // with Promise.all, so the first failure ended the preload while the others still ran.
  it('fires prefetchend only once every matching route’s preload settled, after one failed', async () => {
    const layout = deferred();
    const page = deferred();
    route(`${base}/*`, () => layout.promise);
    route(`${base}/:id`, () => page.promise);
    const el = await link('/1');
    const heard: string[] = [];
    el.addEventListener('prefetchstart', () => heard.push('prefetchstart'));
    el.addEventListener('prefetchend', () => heard.push('prefetchend'));
    el.addEventListener('prefetcherror', (e) => {
      e.preventDefault();
      heard.push(`prefetcherror ${(e.detail.error as Error).message}`);
    });
    touch(el.querySelector('a')!);
    layout.reject(new Error('layout failed'));
    await nextTask();
    expect(heard).to.deep.equal(['prefetchstart', 'prefetcherror layout failed']);
    page.resolve(undefined);
    await nextTask();
    expect(heard).to.deep.equal(['prefetchstart', 'prefetcherror layout failed', 'prefetchend']);
  });

  // Found in review, as above: only the first failure had an event and reached the console.
  it('reports every matching route’s failure, each to the console unless its event is cancelled', async () => {
    const consoleError = sinon.stub(console, 'error');
    route(`${base}/*`, () => Promise.reject(new Error('layout failed')));
    route(`${base}/:id`, () => {
      throw new Error('page failed');
    });
    route(`${base}/:id`, () => Promise.reject(new Error('handled')));
    const el = await link('/1');
    const errors: string[] = [];
    el.addEventListener('prefetcherror', (e) => {
      const { message } = e.detail.error as Error;
      errors.push(message);
      if (message === 'handled') e.preventDefault();
    });
    const ended = sinon.spy();
    el.addEventListener('prefetchend', ended);
    touch(el.querySelector('a')!);
    await nextTask();
    // Each as it failed (a throw before a returned rejection): in no order to rely on.
    expect(errors).to.have.members(['layout failed', 'page failed', 'handled']);
    const logged = consoleError.getCalls().map((call) => [call.args[0], (call.args[1] as Error).message]);
    const failed = `prefetch-elements: preload of "${el.querySelector('a')!.href}" failed`;
    expect(logged).to.have.deep.members([
      [failed, 'layout failed'],
      [failed, 'page failed'],
    ]);
    expect(ended).to.have.been.calledOnce;
  });

  it('keeps a handled error out of the console', async () => {
    const consoleError = sinon.stub(console, 'error');
    route(`${base}/:id`, () => Promise.reject(new Error('handled')));
    const el = await link('/1');
    el.addEventListener('prefetcherror', (e) => e.preventDefault());
    const ended = oneEvent(el, 'prefetchend');
    touch(el.querySelector('a')!);
    await ended;
    expect(consoleError).not.to.have.been.called;
  });

  // Found by the fuzz suite (fuzz.test.ts): a preload that settled after its element was removed
  // fired prefetchend (and prefetcherror) on the detached element.
  it('fires no event once disconnected: a preload that settles later ends silently', async () => {
    const consoleError = sinon.stub(console, 'error');
    const runs = [deferred(), deferred()];
    route(`${base}/:id`, ({ params }) => runs[Number(params.id)]!.promise);
    const el = await fixture<PrefetchLinkElement>(
      html`<prefetch-link><a href="${base}/0">Zero</a><a href="${base}/1">One</a></prefetch-link>`,
    );
    const heard: string[] = [];
    for (const type of ['prefetchstart', 'prefetchend', 'prefetcherror'])
      el.addEventListener(type, (e) => heard.push(`${type} ${(e as CustomEvent).detail.href.slice(-1)}`));
    const [zero, one] = el.querySelectorAll('a');
    touch(zero!);
    touch(one!);
    el.remove();
    runs[0]!.resolve(undefined);
    runs[1]!.reject(new Error('gone'));
    await flush();
    expect(heard).to.deep.equal(['prefetchstart 0', 'prefetchstart 1']);
    // No listener could handle the failure: the console still reports it.
    expect(consoleError).to.have.been.calledOnceWith(`prefetch-elements: preload of "${one!.href}" failed`);
  });

  it('fires prefetchend for a preload that settles after the element moved in the page', async () => {
    const run = deferred();
    route(`${base}/:id`, () => run.promise);
    const el = await link('/1');
    const ended = sinon.spy();
    el.addEventListener('prefetchend', ended);
    touch(el.querySelector('a')!);
    el.parentElement!.append(document.createElement('div'), el); // disconnected and connected again
    run.resolve(undefined);
    await flush();
    expect(ended).to.have.been.calledOnce;
  });

  it('never preloads another origin', async () => {
    const preload = route('/*');
    const el = await fixture(
      html`<prefetch-link><a href="https://evil.example/products/1">Elsewhere</a></prefetch-link>`,
    );
    const started = sinon.spy();
    el.addEventListener('prefetchstart', started);
    touch(el.querySelector('a')!);
    expect(preload).not.to.have.been.called;
    expect(started).not.to.have.been.called;
  });
});

describe('<prefetch-link> preload property', () => {
  const suite = linkSuite();

  it('runs instead of the registry, for any same-origin link', async () => {
    const registered = route(`${suite.base}/:id`);
    const own = sinon.spy();
    const el = await fixture<PrefetchLinkElement>(
      html`<prefetch-link .preload=${own}><a href="${suite.base}/9">Nine</a></prefetch-link>`,
    );
    await hover(el.querySelector('a')!);
    suite.clock.tick(65);
    expect(registered).not.to.have.been.called;
    expect(own).to.have.been.calledOnce;
    expect(own.firstCall.args[0]).to.include({ intent: 'hover' });
    expect(own.firstCall.args[0].params).to.deep.equal({});
    expect(own.firstCall.args[0].url.pathname).to.equal(`${suite.base}/9`);
  });

  it('runs on every intent, leaving freshness to the query cache', async () => {
    const cache = new QueryCache();
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher as (id: string) => Promise<string>, 'product', { cache });
    const own = sinon.spy(({ url }: PreloadContext) => product.prefetch([url.pathname]));
    const el = await fixture<PrefetchLinkElement>(
      html`<prefetch-link .preload=${own}><a href="${suite.base}/9">Nine</a></prefetch-link>`,
    );
    touch(el.querySelector('a')!);
    touch(el.querySelector('a')!);
    expect(own.callCount).to.equal(2);
    expect(calls).to.have.length(1); // the second joined the fetch in flight
    cache.clear();
  });
});
