// What the server-rendered apps of the hydration tests share: the query they read (registered in
// the shared default cache, so `<await-data query="server-product">` finds it by name), the pages
// the server renders, and the app's props. No test tooling here: a server imports this module.
import { query } from '../../src/cache/index.js';
import { deferred, type Controlled } from '../helpers/deferred.js';
import type { Product } from './app.js';

/** Each fetch of {@link serverProducts}, for the test to settle. */
export const productFetches: Array<Controlled<Product> & { id: string }> = [];

/** The query the server-rendered `<await-data>` names in its `query` attribute. */
export const serverProducts = query((id: string) => {
  const fetch = { ...deferred<Product>(), id };
  productFetches.push(fetch);
  return fetch.promise;
}, 'server-product');

/** One page per test, each for a product id of its own (the cache is the page's). */
export const pageIds = ['hydrating', 'settled', 'property', 'hover'] as const;
export type PageId = (typeof pageIds)[number];

/** The props of the app, on the server and in the browser alike. */
export interface ServerAppProps {
  id: string;
  /** Only the browser has it: it waits for hydration (the server is given one that never settles). */
  reviews: Promise<string>;
  /** Called once the app is hydrated (never on the server). */
  onHydrated?: () => void;
}

/** The link's href for a product id. */
export const serverProductHref = (id: string) => `/frameworks/server/products/${id}`;
