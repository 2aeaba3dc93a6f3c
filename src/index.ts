/**
 * prefetch-elements: the public API.
 *
 * Importing this module defines `<prefetch-link>` and `<await-data>`.
 * The framework-neutral cache is also available on its own as `prefetch-elements/cache`.
 *
 * @example
 * ```ts
 * import { query, registerPreload } from 'prefetch-elements';
 * const product = query((id: string) => fetch(`/api/products/${id}`).then((r) => r.json()), 'product');
 * registerPreload('/products/:id', ({ params }) => product.prefetch([params.id]));
 * ```
 */
export * from './cache/index.js';
export * from './preload/index.js';
export * from './prefetch-link/index.js';
export * from './await-data/index.js';
// Registers <prefetch-link> (also imported by ./prefetch-link/index.js; listed in "sideEffects").
import './prefetch-link/define.js';
// Registers <await-data> (also imported by ./await-data/index.js; listed in "sideEffects").
import './await-data/define.js';
