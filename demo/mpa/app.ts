// The multi-page catalogue's one script, for every page: the queries (handed on to the next page
// through sessionStorage), the route preloads, and what each page fills in. The markup is the
// page's own HTML; this only renders lists and says how the page got its data.
import { listen as quicklink } from 'quicklink';
import { query, registerPreload, sessionPersister, type Query } from '../../src/index.js';
import type { Product, ProductSummary, Review } from '../lib/catalogue.js';

/**
 * What prefetches on this site: ours (data and document), ours with the page prerendered,
 * quicklink's (documents only), or nothing.
 */
type Mode = 'ours' | 'prerender' | 'quicklink' | 'off';
const MODES: readonly string[] = ['ours', 'prerender', 'quicklink', 'off'];

const MODE_KEY = 'prefetch-elements-demo:mpa-mode';
const CLICK_KEY = 'prefetch-elements-demo:mpa-clicked-at';

/** `?mode=` in the address sets the mode for the tab (the benchmark uses it), else the last choice. */
function readMode(): Mode {
  const asked = new URL(location.href).searchParams.get('mode');
  if (asked && MODES.includes(asked)) sessionStorage.setItem(MODE_KEY, asked);
  const mode = sessionStorage.getItem(MODE_KEY) ?? 'ours';
  return (MODES.includes(mode) ? mode : 'ours') as Mode;
}

const mode = readMode();
// The version names the deploy: data stored by an older one is dropped. Only our mode hands
// data on; the quicklink site knows nothing of data, as quicklink does not.
const persist = mode === 'ours' || mode === 'prerender' ? sessionPersister({ version: 'mpa-demo-1' }) : false;

async function getJSON<T>(path: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const productList = query(
  function () {
    return getJSON<ProductSummary[]>('/mpa/api/products', this.signal);
  },
  'products',
  { persist },
);

const product = query(
  function (id: string) {
    return getJSON<Product>(`/mpa/api/products/${encodeURIComponent(id)}`, this.signal);
  },
  'product',
  { persist },
);

const reviews = query(
  function (id: string) {
    return getJSON<Review[]>(`/mpa/api/products/${encodeURIComponent(id)}/reviews?latency=1200`, this.signal);
  },
  'reviews',
  { persist },
);

registerPreload('/mpa/', () => productList.prefetch([]));
registerPreload('/mpa/products/:id', ({ params }) => {
  product.prefetch([params.id!]);
  reviews.prefetch([params.id!]);
});

/** Builds an element; strings become text nodes, never HTML. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Calls `fill` with each value the `<await-data>` matching `selector` fulfills with. */
function onValue<T>(selector: string, fill: (value: T) => void): void {
  document.querySelector(selector)?.addEventListener('fulfilled', (event) => {
    fill((event as CustomEvent<{ value: T }>).detail.value);
  });
}

function card(item: ProductSummary): HTMLElement {
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.setProperty('--hue', String(item.hue));
  const price = `${item.price.amount} ${item.price.currency}`;
  const link = h('a', { class: 'card', href: `/mpa/products/${item.id}` }, swatch, h('strong', {}, item.name));
  link.append(h('span', { class: 'card-price' }, price));
  return h('li', {}, link);
}

function reviewItem(review: Review): HTMLElement {
  const stars = '★'.repeat(review.stars) + '☆'.repeat(5 - review.stars);
  const rating = h('span', { class: 'stars', 'aria-label': `${review.stars} of 5 stars` }, stars);
  return h('li', {}, rating, ' ', h('strong', {}, review.author), h('p', {}, review.text));
}

/** Our mode keeps the markup's `<prefetch-link document="prefetch">`; the others change it. */
function applyMode(): void {
  for (const link of document.querySelectorAll('prefetch-link')) {
    if (mode === 'prerender') link.setAttribute('document', 'prerender');
    if (mode !== 'quicklink' && mode !== 'off') continue;
    link.setAttribute('trigger', 'none');
    link.removeAttribute('document');
  }
  const form = document.querySelector<HTMLFormElement>('form.mode');
  if (!form) return;
  form.querySelector<HTMLInputElement>(`input[value="${mode}"]`)!.checked = true;
  form.addEventListener('change', (event) => {
    sessionStorage.setItem(MODE_KEY, (event.target as HTMLInputElement).value);
    location.reload();
  });
}

/** quicklink's own way: prefetch the documents of the links in view, when the page is idle. */
function startQuicklink(): void {
  if (mode === 'quicklink') quicklink();
}

/** Remembers when a link to another page of the site was clicked, for the next page to say. */
function rememberClicks(): void {
  addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element).closest?.('a[href^="/mpa/"]');
      if (link) sessionStorage.setItem(CLICK_KEY, String(performance.timeOrigin + performance.now()));
    },
    { capture: true },
  );
}

/** How this page's HTML arrived, from its navigation entry. */
function howTheHtmlArrived(): string {
  const navigation = performance.getEntriesByType('navigation')[0] as
    (PerformanceNavigationTiming & { deliveryType?: string; activationStart?: number }) | undefined;
  if ((navigation?.activationStart ?? 0) > 0) return 'prerendered, scripts and all';
  const isPrefetched = navigation?.deliveryType === 'navigational-prefetch' || navigation?.deliveryType === 'cache';
  return isPrefetched ? 'prefetched' : 'fetched on the click';
}

/**
 * Says how this page got here: its HTML, its data, and the wait after the click. A prerendered
 * page says it once it is shown, since the click comes after it started.
 */
function sayHowItArrived(q: Query<any[], unknown>, args: unknown[], shownSelector: string): void {
  const note = document.querySelector('.arrival');
  if (!note) return;
  // Looked at as the page starts: what the previous page handed on, before anything is fetched.
  const entry = q.peek(...args);
  const data =
    entry?.status === 'fulfilled'
      ? `handed on by the previous page (fetched ${Math.round(Date.now() - entry.updatedAt)} ms before), no request`
      : 'fetched by this page';
  if ((document as Document & { prerendering?: boolean }).prerendering) {
    document.addEventListener('prerenderingchange', () => sayWhatFollowed(note, data, shownSelector), { once: true });
  } else {
    sayWhatFollowed(note, data, shownSelector);
  }
}

/** The rest of the note, once the page is on screen: the wait since the click on the previous page. */
function sayWhatFollowed(note: Element, data: string, shownSelector: string): void {
  const clickedAt = Number(sessionStorage.getItem(CLICK_KEY));
  sessionStorage.removeItem(CLICK_KEY);
  if (!clickedAt) {
    note.replaceChildren(`This page was opened directly: its data was ${data}.`);
    return;
  }
  const report = (waited: string) => {
    note.replaceChildren(`This page's HTML was ${howTheHtmlArrived()}; its data was ${data}.`, waited);
  };
  report('');
  // The first frame that shows the content: what the user waited for after the click.
  const frame = () => {
    const shown = document.querySelector(shownSelector);
    if (!shown?.checkVisibility() || !shown.textContent!.trim()) {
      requestAnimationFrame(frame);
      return;
    }
    const waited = Math.round(performance.timeOrigin + performance.now() - clickedAt);
    report(` You waited ${waited} ms after your click.`);
  };
  requestAnimationFrame(frame);
}

function catalogue(): void {
  const grid = document.querySelector('.grid')!;
  onValue<ProductSummary[]>('await-data.catalogue', (items) => {
    grid.replaceChildren(...items.map(card));
    startQuicklink();
  });
  sayHowItArrived(productList, [], '.grid .card');
}

function productPage(id: string): void {
  onValue<Product>('await-data.product', (value) => {
    document.querySelector<HTMLElement>('.product-body .swatch')!.style.setProperty('--hue', String(value.hue));
    document.title = `${value.name} · multi-page · prefetch-elements demo`;
  });
  onValue<Review[]>('await-data.reviews-data', (items) => {
    document.querySelector('.review-list')!.replaceChildren(...items.map(reviewItem));
  });
  startQuicklink();
  sayHowItArrived(product, [id], '.product-name');
}

applyMode();
rememberClicks();
if (document.body.dataset.page === 'product') productPage(document.body.dataset.id!);
else catalogue();
