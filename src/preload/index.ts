/**
 * The route-pattern preload registry: what to warm for which URL. No lit, and nothing here
 * touches `document` or `window` until it is called.
 */
export {
  registerPreload,
  preloadRoute,
  type PreloadContext,
  type PreloadFunction,
  type PreloadIntent,
  type PreloadOptions,
} from './registry.js';
export type { RouteParams } from './pattern.js';
