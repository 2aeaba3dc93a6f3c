import { expect, fixture, html } from '@open-wc/testing';
import { svg } from 'lit';
import sinon from 'sinon';
import { PrefetchLinkElement } from '../../src/prefetch-link/index.js';
import { cleanUp, hover, linkSuite, route, touch, uniquePath } from './helpers.js';

describe('<prefetch-link> and the links it serves', () => {
  let base: string;
  beforeEach(() => (base = uniquePath()));
  afterEach(cleanUp);

  it('preloads the URL of an SVG link, which has no string href property', async () => {
    const preload = route(`${base}/:id`);
    const el = await fixture(
      html`<prefetch-link
        ><svg width="100" height="40">
          ${svg`<a href="${base}/real"><rect width="100" height="40"></rect></a>`}
        </svg></prefetch-link
      >`,
    );
    touch(el.querySelector('rect')!);
    expect(preload.callCount).to.equal(1);
    expect(preload.firstCall.args[0].url.pathname).to.equal(`${base}/real`);
  });

  it('preloads the URL of an SVG link written with xlink:href', async () => {
    const preload = route(`${base}/:id`);
    const el = await fixture(html`<prefetch-link></prefetch-link>`);
    el.innerHTML = `<svg width="100" height="40"><a xlink:href="${base}/old"><rect width="100" height="40"></rect></a></svg>`;
    touch(el.querySelector('rect')!);
    expect(preload.firstCall.args[0].url.pathname).to.equal(`${base}/old`);
  });

  for (const [what, attributes] of [
    ['opens in a new tab', 'target="_blank"'],
    ['opens in a named frame', 'target="side"'],
    ['is a download', 'download'],
    ['leaves the site', 'rel="nofollow external"'],
    ['opts out', 'data-no-prefetch'],
  ] as const) {
    it(`skips a link that ${what}`, async () => {
      const preload = route(`${base}/:id`);
      const el = await fixture(html`<prefetch-link></prefetch-link>`);
      el.innerHTML = `<a href="${base}/skipped" ${attributes}>Skipped</a>`;
      touch(el.querySelector('a')!);
      expect(preload.callCount).to.equal(0);
    });
  }

  it('serves a link whose target is _self', async () => {
    const preload = route(`${base}/:id`);
    const el = await fixture(html`<prefetch-link><a href="${base}/self" target="_SELF">Self</a></prefetch-link>`);
    touch(el.querySelector('a')!);
    expect(preload.callCount).to.equal(1);
  });

  it('skips the links inside an element that opts out', async () => {
    const preload = route(`${base}/:id`);
    const el = await fixture(
      html`<prefetch-link>
        <a href="${base}/in">In</a>
        <footer data-no-prefetch><a href="${base}/out">Out</a></footer>
      </prefetch-link>`,
    );
    const [inside, outside] = el.querySelectorAll('a');
    touch(outside!);
    touch(inside!);
    expect(preload.getCalls().map((call) => call.args[0].url.pathname)).to.deep.equal([`${base}/in`]);
  });

  it('skips links when the page’s <base> opens them elsewhere', async () => {
    const preload = route(`${base}/:id`);
    const baseElement = document.createElement('base');
    baseElement.target = '_blank';
    document.head.append(baseElement);
    try {
      const el = await fixture(html`<prefetch-link><a href="${base}/1">One</a></prefetch-link>`);
      touch(el.querySelector('a')!);
      expect(preload.callCount).to.equal(0);
    } finally {
      baseElement.remove();
    }
  });

  it('skips a link to an anchor of this same page (href="#" too), and serves one to another page', async () => {
    const here = route(location.pathname);
    const there = route(`${base}/:id`);
    const el = await fixture(
      html`<prefetch-link>
        <a href="#section">Section</a>
        <a href="#">A script's button written as a link</a>
        <a href="${location.pathname}${location.search}#top">Top</a>
        <a href="${base}/other#section">Other page</a>
      </prefetch-link>`,
    );
    el.querySelectorAll('a').forEach((a) => touch(a));
    expect(here.callCount).to.equal(0);
    expect(there.callCount).to.equal(1);
  });

  it('never preloads a link to another origin', async () => {
    const preload = route('/*');
    const el = await fixture(html`<prefetch-link><a href="https://elsewhere.example/1">Away</a></prefetch-link>`);
    touch(el.querySelector('a')!);
    expect(preload.callCount).to.equal(0);
  });
});

describe('<prefetch-link> with an invalid delay', () => {
  const suite = linkSuite();

  for (const delay of ['abc', '-50', '', ' ', 'Infinity']) {
    it(`waits the default 65 ms when delay is "${delay}"`, async () => {
      const preload = route(`${suite.base}/:id`);
      const el = await fixture<PrefetchLinkElement>(
        html`<prefetch-link delay=${delay}><a href="${suite.base}/1">One</a></prefetch-link>`,
      );
      expect(el.delay).to.equal(65);
      await hover(el.querySelector('a')!);
      suite.clock.tick(64);
      expect(preload.callCount).to.equal(0);
      suite.clock.tick(1);
      expect(preload.callCount).to.equal(1);
    });
  }

  it('goes back to the default when the attribute is removed', async () => {
    const el = await fixture<PrefetchLinkElement>(
      html`<prefetch-link delay="300"><a href="${suite.base}/1">One</a></prefetch-link>`,
    );
    expect(el.delay).to.equal(300);
    el.removeAttribute('delay');
    expect(el.delay).to.equal(65);
  });
});

describe('PrefetchLinkElement.define()', () => {
  afterEach(() => sinon.restore());

  it('defines the element under another tag name, which then preloads like the default one', async () => {
    PrefetchLinkElement.define('shop-prefetch-link');
    // The class is defined as <prefetch-link> already: a subclass of it stands in.
    expect(document.createElement('shop-prefetch-link')).to.be.instanceOf(PrefetchLinkElement);
    const base = uniquePath();
    const preload = route(`${base}/:id`);
    const el = await fixture(html`<shop-prefetch-link><a href="${base}/1">One</a></shop-prefetch-link>`);
    touch(el.querySelector('a')!);
    expect(preload.callCount).to.equal(1);
    cleanUp();
  });

  it('does nothing when the same class is defined under the same tag again', () => {
    const warn = sinon.stub(console, 'warn');
    PrefetchLinkElement.define();
    PrefetchLinkElement.define();
    expect(customElements.get('prefetch-link')).to.equal(PrefetchLinkElement);
    expect(warn.callCount).to.equal(0);
  });

  it('leaves the definition of another copy in place and says so once', () => {
    const warn = sinon.stub(console, 'warn');
    class OtherCopy extends HTMLElement {}
    customElements.define('copied-prefetch-link', OtherCopy);
    expect(() => PrefetchLinkElement.define('copied-prefetch-link')).to.not.throw();
    PrefetchLinkElement.define('copied-prefetch-link');
    expect(customElements.get('copied-prefetch-link')).to.equal(OtherCopy);
    expect(warn.callCount).to.equal(1);
    expect(String(warn.firstCall.args[0])).to.contain('<copied-prefetch-link> is already defined');
  });

  it('defines into a scoped registry where the browser has them', function () {
    const Registry = window.CustomElementRegistry as unknown as new () => CustomElementRegistry;
    let registry: CustomElementRegistry;
    try {
      registry = new Registry();
    } catch {
      this.skip(); // no scoped registries in this engine yet
    }
    PrefetchLinkElement.define('scoped-prefetch-link', registry!);
    expect(registry!.get('scoped-prefetch-link')).to.equal(PrefetchLinkElement);
    expect(customElements.get('scoped-prefetch-link')).to.equal(undefined);
  });
});
