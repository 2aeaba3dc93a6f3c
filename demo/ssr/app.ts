// The server-rendered product page's one script (loaded `async`, from this origin): the library,
// this page's queries, and the panel that says when each part of the page arrived. It fetches
// nothing the server sent: the product came in the first bytes, the reviews in the same response.
import { query } from '../../src/index.js';
import type { Product, Review } from '../lib/catalogue.js';

/** Ms since the navigation started, when the library had loaded and upgraded the elements. */
const loadedAt = performance.now();

async function getJSON<T>(path: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

// The same names as the server's queries: the page's entries are theirs. These fetchers only run
// for a retry after an error, or for an entry the server did not send.
query(function (id: string) {
  return getJSON<Product>(`/api/products/${encodeURIComponent(id)}`, this.signal);
}, 'product');
query(function (id: string) {
  return getJSON<Review[]>(`/api/products/${encodeURIComponent(id)}/reviews?latency=1200`, this.signal);
}, 'reviews');

/** Builds an element; strings become text nodes, never HTML. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Calls `fill` with each value the element fulfills with, the one it already has included. */
function onValue<T>(element: Element | null, fill: (value: T) => void): void {
  if (!element) return;
  const current = element as Element & { status?: string; value?: T };
  if (current.status === 'fulfilled') fill(current.value as T);
  element.addEventListener('fulfilled', (event) => fill((event as CustomEvent<{ value: T }>).detail.value));
}

const product = document.querySelector('await-data.product');
const reviews = document.querySelector('await-data.reviews-data');

onValue<Product>(product, (value) => {
  for (const swatch of document.querySelectorAll<HTMLElement>('.product-body .swatch')) {
    swatch.style.setProperty('--hue', String(value.hue));
  }
});

function reviewItem(review: Review): HTMLElement {
  const stars = Math.max(0, Math.min(5, Number(review.stars) || 0));
  const rating = h(
    'span',
    { class: 'stars', 'aria-label': `${stars} of 5 stars` },
    '★'.repeat(stars) + '☆'.repeat(5 - stars),
  );
  return h('li', {}, rating, ' ', h('strong', {}, String(review.author)), h('p', {}, String(review.text)));
}
const list = reviews?.querySelector('.review-list');
onValue<Review[]>(reviews, (value) => list?.replaceChildren(...value.map(reviewItem)));
reviews?.addEventListener('rejected', (event) => {
  const { error } = (event as CustomEvent<{ error: Error & { digest?: string } }>).detail;
  const text = reviews.querySelector('.error-text');
  if (text) text.textContent = `${error.message}${error.digest ? ` (digest ${error.digest})` : ''}`;
});

// --- The panel: when each part arrived ---

const format = (ms: number) => `${Math.round(ms).toLocaleString('en')} ms`;

function mark(name: string, ms: number | undefined, note = ''): void {
  const time = document.querySelector(`[data-arrival="${name}"] time`);
  if (time) time.textContent = ms === undefined ? note || '–' : `${format(ms)}${note ? ` · ${note}` : ''}`;
}

const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
mark('first-byte', navigation?.responseStart);
mark('library', loadedAt);

/** The first paint showed what was in the first bytes: the product, and the reviews' fallback unless they had come. */
const reviewsCameFirst = (reviews as (Element & { status?: string }) | null)?.status === 'fulfilled';
function markFirstPaint(ms: number): void {
  mark('product', ms, product?.getAttribute('status') === 'fulfilled' ? 'in the first bytes' : '');
  mark('reviews-fallback', reviewsCameFirst ? undefined : ms, reviewsCameFirst ? 'never: they came first' : '');
}
const firstPaint = performance.getEntriesByName('first-contentful-paint')[0];
if (firstPaint) {
  markFirstPaint(firstPaint.startTime);
} else {
  new PerformanceObserver((entries, observer) => {
    const paint = entries.getEntriesByName('first-contentful-paint')[0];
    if (!paint) return;
    markFirstPaint(paint.startTime);
    observer.disconnect();
  }).observe({ type: 'paint', buffered: true });
}

if (reviewsCameFirst) mark('reviews', loadedAt, 'before the library');
else reviews?.addEventListener('fulfilled', () => mark('reviews', performance.now(), 'streamed'), { once: true });

function markEnd(): void {
  const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  mark('end', entry?.responseEnd);
}
if (document.readyState === 'complete') markEnd();
else addEventListener('load', () => setTimeout(markEnd), { once: true });

/** Every request this page makes to the API: none, unless something is retried. */
let requests = 0;
new PerformanceObserver((entries) => {
  requests += entries.getEntries().filter((entry) => new URL(entry.name).pathname.startsWith('/api/')).length;
  const counter = document.querySelector('[data-requests]');
  if (counter) counter.textContent = String(requests);
}).observe({ type: 'resource', buffered: true });
