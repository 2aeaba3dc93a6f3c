// The demo's own check: its views, router and wait measurement, against a fake API (the
// demo's server is not running here). It keeps `npm start` showing what the README promises.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/index.js';
import { product } from '../../demo/lib/catalogue.js';
import { monitor } from '../../demo/lib/monitor.js';
import { startRouter, type Router } from '../../demo/lib/router.js';
import { measureNavigations } from '../../demo/lib/timing.js';
import { flakyView, productView } from '../../demo/views.js';

const products: Record<string, object> = {
  '3': { id: '3', name: 'Wool rug', price: { amount: 43, currency: 'EUR' }, description: 'Soft.', stock: 3, hue: 94 },
  '5': {
    id: '5',
    name: 'Glass vase',
    price: { amount: 67, currency: 'EUR' },
    description: 'Clear.',
    stock: 6,
    hue: 188,
  },
  '6': {
    id: '6',
    name: 'Brass clock',
    price: { amount: 79, currency: 'EUR' },
    description: 'Ticks.',
    stock: 2,
    hue: 235,
  },
};
const reviews = [{ author: 'Ada', stars: 5, text: 'Exactly as described.' }];

/** The mock API's answers, at once: 500 for ?fail=1, like demo/server.mjs. */
function fakeApi(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), location.href);
  const [, , , id, part] = url.pathname.split('/');
  const fail = url.searchParams.has('fail');
  let body: unknown = part === 'reviews' ? reviews : products[id!];
  if (fail) body = { error: 'told to fail' };
  let status = body ? 200 : 404;
  if (fail) status = 500;
  return Promise.resolve(
    new Response(JSON.stringify(body ?? {}), { status, headers: { 'content-type': 'application/json' } }),
  );
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent;
const isShown = (root: Element, selector: string) => !!root.querySelector(selector)?.checkVisibility();

let main: HTMLElement;
beforeEach(() => {
  sinon.stub(window, 'fetch').callsFake(fakeApi);
  main = document.body.appendChild(document.createElement('main'));
});
afterEach(() => {
  sinon.restore();
  main.remove();
});

describe('demo product page', () => {
  it('fills the product fields, then the deferred reviews', async () => {
    const view = productView('3');
    const [part, reviewsPart] = view.querySelectorAll('await-data');
    const productArrives = oneEvent(part!, 'fulfilled');
    const reviewsArrive = oneEvent(reviewsPart!, 'fulfilled');
    main.append(view);
    await productArrives;
    await part!.updateComplete;
    expect(text(view, '.product-name')).to.equal('Wool rug');
    expect(text(view, '[data-field="price.amount"]')).to.equal('43');
    await reviewsArrive;
    await waitUntil(() => view.querySelectorAll('.review-list li').length === 1);
    expect(text(view, '.review-list li p')).to.equal('Exactly as described.');
  });
});

describe('demo error route', () => {
  it('shows the error, and its retry button loads the product', async () => {
    const view = flakyView('5');
    const part = view.querySelector('await-data')!;
    const failed = oneEvent(part, 'rejected');
    main.append(view);
    await failed;
    await waitUntil(() => isShown(view, '.product-error'));
    expect(text(view, '.error-text')).to.contain('HTTP 500');
    const loaded = oneEvent(part, 'fulfilled');
    view.querySelector<HTMLButtonElement>('[data-retry]')!.click();
    await loaded;
    await waitUntil(() => isShown(view, '.product-name'));
    expect(text(view, '.product-name')).to.equal('Glass vase');
  });
});

describe('demo router and wait measurement', () => {
  const start = location.href;
  let router: Router;
  let link: HTMLAnchorElement;
  /** Whether the router took the last click over (the browser is kept from following it). */
  let takenOver: boolean | undefined;
  const keepPage = (event: Event) => {
    takenOver = event.defaultPrevented;
    event.preventDefault();
  };
  const rendered: string[] = [];

  before(() => {
    measureNavigations();
    router = startRouter({
      render(url) {
        const match = url.pathname.match(/^\/products\/(\w+)$/);
        if (!match) return false;
        rendered.push(url.pathname);
        main.replaceChildren(productView(match[1]!));
        return true;
      },
    });
    addEventListener('click', keepPage);
  });
  after(() => {
    router.stop();
    removeEventListener('click', keepPage);
    history.replaceState(null, '', start);
  });
  beforeEach(() => {
    link = main.appendChild(
      Object.assign(document.createElement('a'), { href: '/products/6', textContent: 'Brass clock' }),
    );
    takenOver = undefined;
  });

  it('renders a same-origin left click with pushState', () => {
    link.click();
    expect(takenOver).to.equal(true);
    expect(location.pathname).to.equal('/products/6');
    expect(rendered.at(-1)).to.equal('/products/6');
  });

  it('leaves modified clicks and unknown routes to the browser', () => {
    const count = rendered.length;
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
    expect(takenOver).to.equal(false);
    link.href = '/elsewhere';
    link.click();
    expect(takenOver).to.equal(false);
    expect(rendered.length).to.equal(count);
  });

  it('measures a preloaded product as shown on the first frame, with no fallback frame', async () => {
    await product('6');
    const waits = monitor.waits.length;
    link.click();
    await waitUntil(() => monitor.waits.length > waits);
    const wait = monitor.waits.at(-1)!;
    expect(wait).to.include({ path: '/products/6', outcome: 'content', fallbackFrames: 0 });
  });
});
