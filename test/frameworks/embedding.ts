// The behaviour every framework embedding must show, written once. Each framework's test file
// renders the same small app in that framework's own idiom (properties, listener syntax, state)
// and hands `describeEmbedding` a way to mount it and to change its state.
//
// The app, in every framework:
//   <prefetch-link delay="0" {on prefetchstart: prefetched = e.detail.href}>
//     <a href="/frameworks/products/{id}">{label}</a>
//   </prefetch-link>
//   <output class="prefetched">{prefetched}</output>
//   <await-data class="by-promise" {promise: promise} {on fulfilled: value = e.detail.value}
//               {on rejected: error = e.detail.error.message}>
//     <p slot="fallback">Loading…</p>
//     <p slot="error" class="error">{label}: {error}</p>
//     <p class="value">{label}: {value?.name}</p>
//   </await-data>
//   <await-data class="by-query" {query: query} {args: [id]} {on fulfilled: queried = e.detail.value}>
//     <p class="value">{label}: {queried?.name}</p>
//   </await-data>
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { query, QueryCache, registerPreload, type Query } from '../../src/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import type { PrefetchLinkElement } from '../../src/prefetch-link/index.js';
import { deferred } from '../helpers/deferred.js';
import { productHref, type AppState, type Product } from './app.js';
import '../../src/await-data/define.js';

export { productHref, type AppState, type Product };

export interface Mounted {
  /** Changes the framework's state; resolves once the framework has rendered the change. */
  set(patch: Partial<AppState>): Promise<void> | void;
  unmount(): Promise<void> | void;
}

export type Mount = (container: HTMLElement, state: AppState) => Promise<Mounted> | Mounted;

const text = (el: Element | null) => el?.textContent?.trim();

export function describeEmbedding(framework: string, mount: Mount) {
  describe(`<await-data> and <prefetch-link> in ${framework}`, () => {
    let container: HTMLElement;
    let app: Mounted | undefined;
    let fetched: string[];
    let products: Query<[id: string], Product>;
    let stop: Array<() => void>;
    let n = 0;

    const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector)!;
    const byPromise = () => $<AwaitDataElement>('await-data.by-promise');
    const byQuery = () => $<AwaitDataElement>('await-data.by-query');
    const start = async (patch: Partial<AppState> = {}) => {
      app = await mount(container, {
        label: 'Products',
        id: `${++n}`,
        promise: new Promise(() => {}),
        query: products,
        ...patch,
      });
    };

    beforeEach(() => {
      container = document.body.appendChild(document.createElement('div'));
      fetched = [];
      stop = [];
      const fetchProduct = async (id: string) => {
        fetched.push(id);
        return { id, name: `Product ${id}` };
      };
      products = query(fetchProduct, 'product', { cache: new QueryCache() });
    });

    afterEach(async () => {
      await app?.unmount();
      app = undefined;
      container.remove();
      stop.forEach((f) => f());
      await sendMouse({ type: 'move', position: [window.innerWidth - 1, window.innerHeight - 1] });
    });

    it('passes a promise as a property and renders its value from the fulfilled event', async () => {
      const product = deferred<Product>();
      await start({ promise: product.promise });
      const el = byPromise();
      expect(el.promise, 'the promise arrives as a property, not as an attribute').to.equal(product.promise);
      expect(el.hasAttribute('promise')).to.be.false;
      expect(el.status).to.equal('pending');

      product.resolve({ id: '1', name: 'Widget' });
      await waitUntil(() => text(el.querySelector('.value')) === 'Products: Widget', 'the framework renders the value');
      expect(el.getAttribute('status')).to.equal('fulfilled');
      expect(el.value).to.deep.equal({ id: '1', name: 'Widget' });
    });

    it('hears rejected and renders the error in the error slot', async () => {
      const product = deferred<Product>();
      await start({ promise: product.promise });
      product.reject(new Error('boom'));
      await waitUntil(
        () => text(byPromise().querySelector('.error')) === 'Products: boom',
        'the framework renders the error',
      );
      expect(byPromise().getAttribute('status')).to.equal('rejected');
      const error = byPromise().querySelector('.error')!;
      await waitUntil(() => error.checkVisibility(), 'the error slot is shown');
      expect(byPromise().querySelector('.value')?.checkVisibility() ?? false).to.equal(false);
    });

    it('re-renders without the element losing its state or the framework losing its children', async () => {
      const product = deferred<Product>();
      await start({ promise: product.promise });
      product.resolve({ id: '1', name: 'Widget' });
      await waitUntil(() => text(byPromise().querySelector('.value')) === 'Products: Widget');
      await waitUntil(() => text(byQuery().querySelector('.value')) === `Products: Product ${n}`);
      const [el, valueP, fallback, queried, link] = [
        byPromise(),
        $('.by-promise .value'),
        $('[slot=fallback]'),
        byQuery(),
        $('prefetch-link'),
      ];
      const events: string[] = [];
      for (const e of [el, queried])
        for (const type of ['pending', 'fulfilled', 'rejected']) e.addEventListener(type, () => events.push(type));

      await app!.set({ label: 'Items' });
      await app!.set({ label: 'Things' }); // a second render: the `args` array is new each time

      expect(byPromise(), 'the same <await-data>').to.equal(el);
      expect(byQuery(), 'the same query <await-data>').to.equal(queried);
      expect($('prefetch-link'), 'the same <prefetch-link>').to.equal(link);
      expect(el.status).to.equal('fulfilled');
      expect(el.value).to.deep.equal({ id: '1', name: 'Widget' });
      expect(queried.status).to.equal('fulfilled');
      expect($('.by-promise .value'), 'the same framework-rendered child').to.equal(valueP);
      expect(text(valueP)).to.equal('Things: Widget');
      expect(text(queried.querySelector('.value'))).to.equal(`Things: Product ${n}`);
      expect(text($('a'))).to.equal('Things');
      expect($('[slot=fallback]')).to.equal(fallback);
      expect(fallback.parentElement).to.equal(el);
      expect(events, 'no event: nothing changed for the elements').to.deep.equal([]);
      expect(fetched, 'no refetch for equal args').to.deep.equal([`${n}`]);
    });

    it('shows the latest promise the framework passes', async () => {
      const first = deferred<Product>();
      await start({ promise: first.promise });
      const el = byPromise();
      first.resolve({ id: '1', name: 'First' });
      await waitUntil(() => text(el.querySelector('.value')) === 'Products: First');

      const [older, newer] = [deferred<Product>(), deferred<Product>()];
      await app!.set({ promise: older.promise });
      await waitUntil(() => el.status === 'pending', 'a new promise makes it pending');
      await app!.set({ promise: newer.promise });
      newer.resolve({ id: '3', name: 'Newer' });
      await waitUntil(() => text(el.querySelector('.value')) === 'Products: Newer');
      older.resolve({ id: '2', name: 'Older' });
      await older.promise;
      await new Promise((r) => requestAnimationFrame(r));
      expect(text(el.querySelector('.value')), 'a replaced promise is ignored').to.equal('Products: Newer');
      expect(byPromise()).to.equal(el);
    });

    it('passes a query and args as properties and follows new args', async () => {
      await start();
      const el = byQuery();
      expect(el.query, 'the query arrives as a property').to.equal(products);
      expect(el.args).to.deep.equal([`${n}`]);
      await waitUntil(() => text(el.querySelector('.value')) === `Products: Product ${n}`);

      await app!.set({ id: 'next' });
      await waitUntil(() => text(el.querySelector('.value')) === 'Products: Product next');
      expect(byQuery()).to.equal(el);
      expect(el.value).to.deep.equal({ id: 'next', name: 'Product next' });
      expect(fetched).to.deep.equal([`${n}`, 'next']);
    });

    it('hears prefetchstart from <prefetch-link> when the pointer rests on the link', async () => {
      const preload = deferred<string>();
      stop.push(
        registerPreload('/frameworks/products/:id', ({ params }) => {
          products.prefetch([params.id!]);
          preload.resolve(params.id!);
        }),
      );
      await start({ id: 'hover' });
      const link = $<HTMLAnchorElement>('a');
      const el = $<PrefetchLinkElement>('prefetch-link');
      const r = link.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });

      expect(await preload.promise).to.equal('hover');
      await waitUntil(() => text($('output.prefetched')) === link.href, 'the framework renders the prefetched href');
      expect(link.href.endsWith(productHref('hover'))).to.be.true;
      await app!.set({ label: 'Items' });
      expect($('prefetch-link')).to.equal(el);
    });
  });
}
