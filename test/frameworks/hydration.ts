// The behaviour every server-rendering framework must show, written once: the framework renders
// the app to HTML on a server (Node, in `*.server.ts(x)`, with the library's own modules), the
// page receives that HTML and the library defines the elements, and the framework hydrates it.
// Each framework's test file hands `describeHydration` the pages and a way to hydrate one.
//
// The app, in every framework (the value is read from the cache, not from an event: an event
// that comes before hydration has no listener to hear it):
//   <prefetch-link delay="0"><a href="/frameworks/server/products/{id}">Product {id}</a></prefetch-link>
//   <await-data class="by-name" query="server-product" args='["{id}"]'>
//     <p slot="fallback">Loading…</p>
//     <p class="value">{value of serverProducts(id) in the cache}</p>
//   </await-data>
//   <await-data class="by-promise" {promise: reviews, set in the browser} {on fulfilled: text = value}>
//     <p slot="fallback">Loading reviews…</p>
//     <p class="value">{text}</p>
//   </await-data>
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import sinon from 'sinon';
import { registerPreload } from '../../src/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { deferred } from '../helpers/deferred.js';
import { productFetches, serverProductHref, serverProducts, type PageId, type ServerAppProps } from './server-app.js';
import '../../src/index.js';

export interface Hydrated {
  unmount(): void;
}

/**
 * Hydrates the server's HTML in `container` with these props; resolves once the framework has
 * hydrated. `report` receives what the framework reports that is not on the console (React's
 * recoverable errors).
 */
export type Hydrate = (
  container: HTMLElement,
  props: ServerAppProps,
  report: (message: string) => void,
) => Promise<Hydrated> | Hydrated;

const text = (el: Element | null) => el?.textContent?.trim();

export function describeHydration(framework: string, pages: Record<PageId, string>, hydrate: Hydrate) {
  describe(`<await-data> and <prefetch-link> rendered by ${framework} on a server, then hydrated`, () => {
    let container: HTMLElement;
    let app: Hydrated | undefined;
    let reported: string[];
    let stop: Array<() => void>;

    const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector)!;
    const byName = () => $<AwaitDataElement>('await-data.by-name');
    const byPromise = () => $<AwaitDataElement>('await-data.by-promise');
    const elements = () => [...container.querySelectorAll('await-data, prefetch-link')];
    /** The server's HTML arrives: the library, already loaded, upgrades the elements at once. */
    const receive = (page: PageId) => {
      container.innerHTML = pages[page];
      return elements();
    };
    const start = async (page: PageId, reviews: Promise<string> = new Promise(() => {})) => {
      app = await hydrate(container, { id: page, reviews }, (message) => reported.push(message));
    };

    beforeEach(() => {
      container = document.body.appendChild(document.createElement('div'));
      reported = [];
      stop = [];
      // Hydration warnings and errors go to the console (React, Vue): every message counts.
      for (const level of ['error', 'warn'] as const) {
        const spy = sinon.stub(console, level).callsFake((...args: unknown[]) => {
          reported.push(`console.${level}: ${args.map(String).join(' ')}`);
        });
        stop.push(() => spy.restore());
      }
    });

    afterEach(async () => {
      app?.unmount();
      app = undefined;
      container.remove();
      stop.forEach((f) => f());
      await sendMouse({ type: 'move', position: [window.innerWidth - 1, window.innerHeight - 1] });
    });

    it('renders the input the server has as attributes, and nothing that only the browser has', () => {
      const page = document.createElement('template');
      page.innerHTML = pages.hydrating;
      const [link, named, promised] = ['prefetch-link', 'await-data.by-name', 'await-data.by-promise'].map((selector) =>
        page.content.querySelector(selector)!,
      );
      expect(link.getAttribute('delay')).to.equal('0');
      expect(link.querySelector('a')!.getAttribute('href')).to.equal(serverProductHref('hydrating'));
      expect(named.getAttribute('query')).to.equal('server-product');
      expect(named.getAttribute('args')).to.equal('["hydrating"]');
      expect(named.hasAttribute('status'), 'the status is the element’s to set, in the browser').to.be.false;
      expect(text(named.querySelector('[slot=fallback]'))).to.equal('Loading…');
      expect(promised.getAttributeNames().sort(), 'a promise has no attribute form').to.deep.equal(['class']);
    });

    it('hydrates with no warning while the data is on its way, then shows it', async () => {
      const before = receive('hydrating');
      await waitUntil(() => byName().status === 'pending', 'the upgraded element starts on its attributes');
      await start('hydrating');
      expect(reported.join('\n'), 'no hydration warning or error').to.equal('');
      expect(elements(), 'hydration keeps the server’s elements').to.deep.equal(before);

      productFetches.find((f) => f.id === 'hydrating')!.resolve({ id: 'hydrating', name: 'Widget' });
      await waitUntil(() => text(byName().querySelector('.value')) === 'Widget', 'the framework shows the value');
      expect(byName().getAttribute('status')).to.equal('fulfilled');
      await waitUntil(() => byName().querySelector('.value')!.checkVisibility(), 'the content is on screen');
      expect(byName().querySelector('[slot=fallback]')!.checkVisibility()).to.be.false;
      expect(reported.join('\n'), 'nothing reported').to.equal('');
    });

    it('hydrates with no warning after the elements have settled and changed their attributes', async () => {
      serverProducts.set(['settled'], { id: 'settled', name: 'Gadget' });
      const before = receive('settled');
      await waitUntil(() => byName().status === 'fulfilled', 'the cached value shows before hydration');
      expect(byName().getAttribute('status'), 'the element has set its status attribute').to.equal('fulfilled');

      await start('settled');
      await waitUntil(() => text(byName().querySelector('.value')) === 'Gadget', 'the framework reads the cache');
      expect(reported.join('\n'), 'no hydration warning or error').to.equal('');
      expect(elements(), 'hydration keeps the server’s elements').to.deep.equal(before);
      expect(byName().querySelector('.value')!.checkVisibility()).to.be.true;
    });

    it('sets a property that only the browser has once hydrated, and hears its events', async () => {
      const reviews = deferred<string>();
      receive('property');
      expect(byPromise().promise, 'nothing to set before hydration').to.be.undefined;
      await start('property', reviews.promise);
      await waitUntil(() => byPromise().promise === reviews.promise, 'the framework sets the promise');
      expect(byPromise().status).to.equal('pending');

      reviews.resolve('5 stars');
      await waitUntil(
        () => text(byPromise().querySelector('.value')) === '5 stars',
        'the fulfilled event reached the app',
      );
      expect(reported.join('\n'), 'nothing reported').to.equal('');
    });

    it('preloads the route of a hovered link once upgraded', async () => {
      const preloaded = deferred<string>();
      stop.push(registerPreload('/frameworks/server/products/:id', ({ params }) => preloaded.resolve(params.id!)));
      receive('hover');
      await start('hover');
      const link = $<HTMLAnchorElement>('a');
      const box = link.getBoundingClientRect();
      await sendMouse({
        type: 'move',
        position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
      });
      expect(await preloaded.promise).to.equal('hover');
      expect(reported.join('\n'), 'nothing reported').to.equal('');
    });
  });
}
