// The catalogue's data layer, shared by the plain, React and Vue pages: the queries, the
// instrumented fetch that reports every API request, and the preloads of each route.
import { defer, query, registerPreload, type Deferred, type Query } from '../../src/index.js';
import { formatMs, monitor } from './monitor.js';

export interface Price {
  amount: number;
  currency: string;
}

export interface ProductSummary {
  id: string;
  name: string;
  price: Price;
  /** The colour of the product's swatch (the demo has no pictures). */
  hue: number;
}

export interface Product extends ProductSummary {
  description: string;
  stock: number;
}

export interface Review {
  author: string;
  stars: number;
  text: string;
}

/** The reviews API is slow on purpose: the page shows the product while they are on their way. */
export const REVIEWS_LATENCY = 1200;

/** GETs JSON from the mock API, reporting the request and its answer to the panel. */
async function getJSON<T>(path: string, signal: AbortSignal): Promise<T> {
  const started = performance.now();
  const shown = path.replace(/[?&](latency=\d+|fail=1)/g, '');
  monitor.log('request', `GET ${shown}`);
  try {
    const response = await fetch(path, { signal });
    const body = await response.json();
    const took = formatMs(performance.now() - started);
    if (!response.ok) {
      monitor.log('failure', `${response.status} ${shown} after ${took}`);
      throw new Error(`${shown}: HTTP ${response.status}`);
    }
    monitor.log('response', `${response.status} ${shown} after ${took}`);
    return body as T;
  } catch (error) {
    if (signal.aborted) monitor.log('failure', `aborted ${shown}`);
    else if (!(error instanceof Error && error.message.includes('HTTP'))) monitor.log('failure', `${shown}: ${error}`);
    throw error;
  }
}

export const productList = query(function () {
  return getJSON<ProductSummary[]>('/api/products', this.signal);
}, 'products');

export const product = query(function (id: string) {
  return getJSON<Product>(`/api/products/${encodeURIComponent(id)}`, this.signal);
}, 'product');

export const reviews = query(function (id: string) {
  return getJSON<Review[]>(`/api/products/${encodeURIComponent(id)}/reviews?latency=${REVIEWS_LATENCY}`, this.signal);
}, 'reviews');

const attempts = new Map<string, number>();

/**
 * The error route's product: every other attempt fails (the first one does), so the error slot
 * shows and its retry button then works.
 */
export const flakyProduct = query(function (id: string) {
  const attempt = (attempts.get(id) ?? 0) + 1;
  attempts.set(id, attempt);
  const fail = attempt % 2 === 1 ? '?fail=1' : '';
  return getJSON<Product>(`/api/products/${encodeURIComponent(id)}${fail}`, this.signal);
}, 'flaky');

/** A product's position in the catalogue's paths: `/products/3`, `/react/products/3`. */
export const productPath = (base: string, id: string): string => `${base}/products/${encodeURIComponent(id)}`;

/**
 * Registers the preloads of a page whose routes live under `base` ('' for the plain page):
 * the home page warms the list, a product page its product and its reviews.
 */
export function registerCataloguePreloads(base: string): void {
  registerPreload(base || '/', () => productList.prefetch([]));
  registerPreload(`${base}/products/:id`, ({ params }) => {
    product.prefetch([params.id!]);
    reviews.prefetch([params.id!]);
  });
}

const label = (q: Query<any[], unknown>, args: unknown[]) =>
  `${q.name}(${args.map((a) => JSON.stringify(a)).join(', ')})`;

/**
 * Tells the panel how a read that is about to happen will be served: from the cache, by
 * joining a fetch in flight (a prefetch that has not finished), or by a new request.
 * Call it just before the read (or before rendering an `<await-data>` that will read).
 */
export function noteRead<A extends unknown[]>(q: Query<A, unknown>, ...args: A): void {
  const entry = q.peek(...args);
  const name = label(q, args);
  if (entry?.status === 'fulfilled' && Date.now() - entry.updatedAt < 30_000) {
    monitor.log('hit', `${name} served from the cache (fetched ${formatMs(Date.now() - entry.updatedAt)} ago)`);
  } else if (entry?.fetching) {
    monitor.log('join', `${name} joins the fetch already in flight`);
  } else {
    monitor.log('miss', `${name} is not cached: a request starts now`);
  }
}

/** The cached value of a read, if the cache holds a fresh one (a framework's initial state). */
export function peekValue<A extends unknown[], T>(q: Query<A, T>, ...args: A): T | undefined {
  const entry = q.peek(...args);
  return entry?.status === 'fulfilled' && !entry.fetching ? entry.value : undefined;
}

/**
 * Reads a query for a view as a `Deferred`: already fulfilled when the cache holds a fresh
 * value, so `<await-data>` (or a framework) renders it with no fallback frame.
 */
export function read<A extends unknown[], T>(q: Query<A, T>, ...args: A): Deferred<T> {
  noteRead(q, ...args);
  const promise = q(...args);
  const entry = q.peek(...args);
  return entry?.status === 'fulfilled' && !entry.fetching ? defer(entry.value as T) : defer(promise);
}
