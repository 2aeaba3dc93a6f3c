/**
 * `<await-data>`: importing this module defines the tag.
 *
 * @example
 * ```ts
 * import { AwaitDataElement } from 'prefetch-elements';
 * document.querySelector('await-data')!.promise = defer(fetch('/api/me').then((r) => r.json()));
 * ```
 */
import './define.js';

export { AwaitDataElement, type Renderer } from './await-data-element.js';
export type { AwaitDataEventMap, FulfilledDetail, RejectedDetail } from './events.js';
