// Registers the tag. Kept apart from the class so the class can be imported (and extended, or
// registered under another name with `PrefetchLinkElement.define(tag)`) without side effects.
// Does nothing on a server, and leaves a definition by another copy of the library in place.
import { PrefetchLinkElement } from './prefetch-link-element.js';

PrefetchLinkElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'prefetch-link': PrefetchLinkElement;
  }
}
