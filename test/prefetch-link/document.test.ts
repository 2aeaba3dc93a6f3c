import { expect, fixture, html } from '@open-wc/testing';
import sinon, { type SinonFakeTimers } from 'sinon';
import { cleanUp, deferred, fakeTimers, hover, moveAway, route, touch, uniquePath } from './helpers.js';
import { flush } from '../helpers/deferred.js';

/** Whether this browser has Speculation Rules: then they are used, else `<link rel="prefetch">`. */
const hasRules = HTMLScriptElement.supports?.('speculationrules') ?? false;

/** The documents this page asked for so far, and how: one record per rule or link added to `<head>`. */
function asked(): Array<{ how: string; url: string }> {
  const rules = [...document.head.querySelectorAll<HTMLScriptElement>('script[type=speculationrules]')].flatMap(
    (script) =>
      Object.entries(JSON.parse(script.textContent!) as Record<string, Array<{ urls: string[] }>>).flatMap(
        ([action, list]) => list.flatMap(({ urls }) => urls.map((url) => ({ how: action, url }))),
      ),
  );
  const links = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=prefetch]')].map((link) => ({
    how: 'link',
    url: link.href,
  }));
  return [...rules, ...links];
}

/** What `asked()` says for a document fetched ahead, in this browser. */
const prefetched = (path: string, mode = 'prefetch') => ({
  how: hasRules ? mode : 'link',
  url: new URL(path, location.href).href,
});

function removeAsked(): void {
  document.head.querySelectorAll('script[type=speculationrules], link[rel=prefetch]').forEach((node) => node.remove());
}

type Stub = [object: object, key: string, descriptor: PropertyDescriptor | undefined];

describe('<prefetch-link document>', () => {
  let base: string;
  let clock: SinonFakeTimers;
  const stubs: Stub[] = [];
  /** Replaces a navigator property (own or inherited) for one test. */
  const stubNavigator = (key: string, value: unknown) => {
    stubs.push([navigator, key, Object.getOwnPropertyDescriptor(navigator, key)]);
    Object.defineProperty(navigator, key, { value, configurable: true });
  };
  beforeEach(() => {
    base = uniquePath();
    clock = fakeTimers();
    removeAsked();
  });
  afterEach(async () => {
    for (const [object, key, descriptor] of stubs.splice(0).reverse()) {
      if (descriptor) Object.defineProperty(object, key, descriptor);
      else Reflect.deleteProperty(object, key);
    }
    await moveAway();
    document.querySelectorAll('prefetch-link').forEach((el) => el.remove());
    removeAsked();
    cleanUp();
  });

  it(`fetches a hovered link's document after the delay, with ${hasRules ? 'Speculation Rules' : '<link rel="prefetch">'}`, async () => {
    const el = await fixture(html`<prefetch-link document="prefetch"><a href="${base}/a">A</a></prefetch-link>`);
    await hover(el.querySelector('a')!);
    clock.tick(64);
    expect(asked()).to.deep.equal([]);
    clock.tick(1);
    expect(asked()).to.deep.equal([prefetched(`${base}/a`)]);
  });

  it('fetches the document alongside the route preload, and without one', async () => {
    const preload = route(`${base}/products/:id`);
    const el = await fixture(
      html`<prefetch-link document="prefetch"
        ><a href="${base}/products/1">1</a><a href="${base}/about">About</a></prefetch-link
      >`,
    );
    touch(el.querySelector('a')!);
    touch(el.querySelectorAll('a')[1]!);
    expect(preload).to.have.been.calledOnce;
    expect(asked()).to.deep.equal([prefetched(`${base}/products/1`), prefetched(`${base}/about`)]);
  });

  it('asks for each document once, whatever its hash and however often it is hovered', async () => {
    const el = await fixture(
      html`<prefetch-link document="prefetch"
        ><a href="${base}/a#top">A</a><a href="${base}/a#reviews">A, reviews</a></prefetch-link
      >`,
    );
    for (const link of el.querySelectorAll('a')) {
      touch(link);
      touch(link);
    }
    const again = await fixture(html`<prefetch-link document="prefetch"><a href="${base}/a">A</a></prefetch-link>`);
    touch(again.querySelector('a')!);
    expect(asked()).to.deep.equal([prefetched(`${base}/a`)]);
  });

  it('prerenders with document="prerender" where the browser can, else prefetches', async () => {
    const el = await fixture(html`<prefetch-link document="prerender"><a href="${base}/p">P</a></prefetch-link>`);
    touch(el.querySelector('a')!);
    expect(asked()).to.deep.equal([prefetched(`${base}/p`, 'prerender')]);
  });

  it('uses <link rel="prefetch"> where the browser has no Speculation Rules', async () => {
    sinon.replace(HTMLScriptElement, 'supports', () => false);
    const el = await fixture(html`<prefetch-link document="prerender"><a href="${base}/l">L</a></prefetch-link>`);
    touch(el.querySelector('a')!);
    expect(asked()).to.deep.equal([{ how: 'link', url: new URL(`${base}/l`, location.href).href }]);
  });

  it('asks for no document without the attribute, or with a value it does not know', async () => {
    const preload = route(`${base}/:id`);
    const el = await fixture(
      html`<div>
        <prefetch-link><a href="${base}/1">1</a></prefetch-link>
        <prefetch-link document="yes"><a href="${base}/2">2</a></prefetch-link>
        <prefetch-link document=""><a href="${base}/3">3</a></prefetch-link>
      </div>`,
    );
    el.querySelectorAll('a').forEach((link) => touch(link));
    expect(preload).to.have.been.calledThrice;
    expect(asked()).to.deep.equal([]);
  });

  it('skips the links a preload skips, other origins, and this very page', async () => {
    const el = await fixture(
      html`<prefetch-link document="prefetch">
        <a href="${base}/blank" target="_blank">new tab</a>
        <a href="${base}/file.zip" download>download</a>
        <a href="${base}/ext" rel="external">external</a>
        <span data-no-prefetch><a href="${base}/opt-out">opted out</a></span>
        <a href="https://example.com/page">other origin</a>
        <a href="#section">anchor here</a>
        <a href="${location.pathname}${location.search}">this page</a>
      </prefetch-link>`,
    );
    el.querySelectorAll('a').forEach((link) => touch(link));
    expect(asked()).to.deep.equal([]);
  });

  it('fetches the document of the href attribute, which stands for the link', async () => {
    const el = await fixture(
      html`<prefetch-link document="prefetch" href="${base}/real"
        ><a href="#/hash-route">Hash route</a></prefetch-link
      >`,
    );
    touch(el.querySelector('a')!);
    expect(asked()).to.deep.equal([prefetched(`${base}/real`)]);
  });

  for (const [condition, key, value] of [
    ['Save-Data', 'connection', { saveData: true, effectiveType: '4g' }],
    ['a 2g connection', 'connection', { saveData: false, effectiveType: '2g' }],
    ['offline', 'onLine', false],
  ] as const) {
    it(`asks for no document under ${condition}, while intent still preloads the data`, async () => {
      stubNavigator(key, value);
      const preload = route(`${base}/:id`);
      const el = await fixture(html`<prefetch-link document="prefetch"><a href="${base}/a">A</a></prefetch-link>`);
      touch(el.querySelector('a')!);
      expect(preload).to.have.been.calledOnce;
      expect(asked()).to.deep.equal([]);
    });
  }

  it('asks again once data is no longer dear, since nothing was asked before', async () => {
    stubNavigator('onLine', false);
    const el = await fixture(html`<prefetch-link document="prefetch"><a href="${base}/a">A</a></prefetch-link>`);
    touch(el.querySelector('a')!);
    expect(asked()).to.deep.equal([]);
    Object.defineProperty(navigator, 'onLine', { value: true, configurable: true });
    touch(el.querySelector('a')!);
    expect(asked()).to.deep.equal([prefetched(`${base}/a`)]);
  });
});

describe('<prefetch-link document> with speculative triggers', () => {
  let base: string;
  let runs: Map<string, ReturnType<typeof deferred>>;
  beforeEach(() => {
    base = uniquePath();
    runs = new Map();
    removeAsked();
  });
  afterEach(async () => {
    document.querySelectorAll('prefetch-link').forEach((el) => el.remove());
    runs.forEach((run) => run.resolve(undefined));
    await flush(); // the page-wide budget frees the slots of the runs that settled
    removeAsked();
    cleanUp();
  });

  it('asks for the documents of a render trigger within the speculative budget, with their data', async () => {
    route(`${base}/:id`, ({ params }) => {
      runs.set(params.id!, deferred());
      return runs.get(params.id!)!.promise;
    });
    await fixture(
      html`<prefetch-link trigger="render" document="prefetch"
        >${[1, 2, 3, 4].map((i) => html`<a href="${base}/${i}">${i}</a>`)}</prefetch-link
      >`,
    );
    // Three preloads at once: the fourth link waits for a slot, its document with it.
    expect(asked()).to.deep.equal([1, 2, 3].map((i) => prefetched(`${base}/${i}`)));
    runs.get('1')!.resolve(undefined);
    await flush();
    expect(asked()).to.deep.equal([1, 2, 3, 4].map((i) => prefetched(`${base}/${i}`)));
  });

  it('asks for no document on render under Save-Data', async () => {
    const connection = Object.getOwnPropertyDescriptor(navigator, 'connection');
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
    try {
      await fixture(
        html`<prefetch-link trigger="render" document="prefetch"><a href="${base}/1">1</a></prefetch-link>`,
      );
      expect(asked()).to.deep.equal([]);
    } finally {
      if (connection) Object.defineProperty(navigator, 'connection', connection);
      else Reflect.deleteProperty(navigator, 'connection');
    }
  });
});
