/** `<prefetch-link>`: importing this module defines the tag. */
import './define.js';

export { PrefetchLinkElement } from './prefetch-link-element.js';
export type { PrefetchErrorDetail, PrefetchEventDetail, PrefetchLinkEventMap } from './events.js';
