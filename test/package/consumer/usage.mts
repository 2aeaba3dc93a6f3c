// A consumer's own TypeScript, copied into the scratch project as consumer/usage.ts and type-checked
// against the installed package with `moduleResolution` `bundler` and `node16` (the .mts name here
// keeps it out of the repository's own type check, where the package is not installed). Each
// `@ts-expect-error` proves the types are real: an `any` would make the marked line compile, and
// the unused directive fail the check.
import { AwaitDataElement, PrefetchLinkElement, QueryCache, defer, query, registerPreload } from 'prefetch-elements';
import * as cacheEntry from 'prefetch-elements/cache';
import * as bundle from 'prefetch-elements/bundle';

const cache = new QueryCache({ staleTime: 5_000 });
const product = query(async (id: string) => ({ id, name: `Product ${id}` }), 'product', { cache });

export const productName: Promise<string> = product('42').then((value) => value.name);
// @ts-expect-error the fetcher takes a string id
product(42);

registerPreload('/products/:id', ({ params }) => product.prefetch([params.id]));

const settled = defer(Promise.resolve(1));
export const status: 'pending' | 'fulfilled' | 'rejected' = settled.status;

// The main entry, the cache entry and the bundle export the same cache API.
export const sameQuery: typeof query = cacheEntry.query;
export const bundledQuery: typeof query = bundle.query;
export const bundledElement: typeof AwaitDataElement = bundle.AwaitDataElement;

// Importing the main entry types the tags in document.createElement and querySelector.
export const awaitData: AwaitDataElement = document.createElement('await-data');
export const prefetchLink: PrefetchLinkElement | null = document.querySelector('prefetch-link');
// @ts-expect-error an <await-data> is not a <prefetch-link>
export const wrongTag: PrefetchLinkElement = document.createElement('await-data');
