// Registers the tag. Kept apart from the class so the class can be imported (and extended, or
// registered under another name) without side effects.
import { PrefetchLinkElement } from './prefetch-link-element.js';

if (!customElements.get('prefetch-link')) customElements.define('prefetch-link', PrefetchLinkElement);

declare global {
  interface HTMLElementTagNameMap {
    'prefetch-link': PrefetchLinkElement;
  }
}
