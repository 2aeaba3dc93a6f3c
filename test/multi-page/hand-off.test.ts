// The whole hand-off, as a user meets it, with the next page simulated in the same document: a
// link hovered on one page preloads its data, the data is stored, and the next page's cache
// (a new cache and persister reading the same sessionStorage) shows it on its first render.
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { QueryCache, query, sessionPersister, type Query } from '../../src/cache/index.js';
import { registerPreload } from '../../src/preload/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { frame } from '../helpers/frames.js';
import { fakeTimeouts } from '../helpers/timers.js';
import '../../src/index.js';

type Product = { name: string };
let count = 0;

/** One page of the site: its own cache, whose product query persists. */
function page(name: string) {
  const cache = new QueryCache({ persist: sessionPersister({ version: 'hand-off' }) });
  const { fetcher, calls: fetches } = controlledFetcher<Product>();
  const product = query(fetcher, name, { cache }) as Query<[string], Product>;
  return { cache, product, fetches };
}

/** The centre of an element, as `sendMouse` wants it. */
function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

describe('the hand-off between two pages of a multi-page site', () => {
  let name: string;
  let unregister: () => void = () => {};
  beforeEach(() => {
    name = `product-${++count}-${Math.random().toString(36).slice(2, 8)}`;
  });
  afterEach(async () => {
    unregister();
    await sendMouse({ type: 'move', position: [window.innerWidth - 1, window.innerHeight - 1] });
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith('prefetch-elements:')) sessionStorage.removeItem(key);
    }
    document.querySelectorAll('prefetch-link, await-data').forEach((el) => el.remove());
  });

  it("shows a product hovered on one page on the next page's first render: no request, no fallback frame", async () => {
    const first = page(name);
    unregister = registerPreload(`/${name}/products/:id`, ({ params }) => first.product.prefetch([params.id!]));
    const clock = fakeTimeouts();
    try {
      const link = await fixture(
        html`<prefetch-link
          ><a href="/${name}/products/42" @click=${(e: Event) => e.preventDefault()}>Widget</a></prefetch-link
        >`,
      );
      await sendMouse({ type: 'move', position: centre(link.querySelector('a')!) });
      clock.tick(65);
    } finally {
      clock.restore();
    }
    expect(first.fetches.map((fetch) => fetch.args)).to.deep.equal([['42']]);
    first.fetches[0]!.resolve({ name: 'Widget' });
    await flush();

    // The next page: its script registers the query, then its <await-data> upgrades.
    const next = page(name);
    const el = document.createElement('await-data') as AwaitDataElement;
    el.setAttribute('fallback-delay', '0');
    el.setAttribute('query', name);
    el.setAttribute('args', '["42"]');
    el.cache = next.cache;
    el.innerHTML = '<p slot="fallback">Loading…</p><h1 data-field="name"></h1>';
    const events: string[] = [];
    for (const type of ['pending', 'fulfilled']) el.addEventListener(type, () => events.push(type));
    document.body.append(el);
    let fallbackFrames = 0;
    for (let i = 0; i < 3; i++) {
      await frame();
      if (el.querySelector('[slot=fallback]')!.checkVisibility()) fallbackFrames++;
    }
    expect(el.querySelector('h1')!.textContent).to.equal('Widget');
    expect(events).to.deep.equal(['fulfilled']);
    expect(fallbackFrames).to.equal(0);
    expect(next.fetches).to.have.length(0);
  });

  it('shows a value the previous page fetched too long ago at once, and refreshes it', async () => {
    const first = page(name);
    first.product.prefetch(['7']);
    first.fetches[0]!.resolve({ name: 'Old name' });
    await flush();
    const stored = `prefetch-elements:${name}["7"]`;
    const item = JSON.parse(sessionStorage.getItem(stored)!);
    sessionStorage.setItem(stored, JSON.stringify({ ...item, updatedAt: item.updatedAt - 60_000 })); // a minute ago

    const next = page(name);
    const el = await fixture<AwaitDataElement>(
      html`<await-data .cache=${next.cache} query=${name} args='["7"]'><h1 data-field="name"></h1></await-data>`,
    );
    expect(el.querySelector('h1')!.textContent).to.equal('Old name');
    expect(el.hasAttribute('refreshing')).to.equal(true);
    next.fetches[0]!.resolve({ name: 'New name' });
    await flush();
    await el.updateComplete;
    expect(el.querySelector('h1')!.textContent).to.equal('New name');
    expect(el.hasAttribute('refreshing')).to.equal(false);
  });
});
