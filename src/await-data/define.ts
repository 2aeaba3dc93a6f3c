// Registers the tag. Kept apart from the class so the class can be imported (and extended, or
// registered under another name) without side effects.
import { AwaitDataElement } from './await-data-element.js';

if (!customElements.get('await-data')) customElements.define('await-data', AwaitDataElement);

declare global {
  interface HTMLElementTagNameMap {
    'await-data': AwaitDataElement;
  }
}
