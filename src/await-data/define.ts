// Registers the tag. Kept apart from the class so the class can be imported (and extended, or
// registered under another name with `AwaitDataElement.define(tag)`) without side effects. Does nothing on a server, and leaves a
// definition by another copy of the library in place.
import { AwaitDataElement } from './await-data-element.js';
// Defined before <await-data>: the entries a server streamed with the page reach the cache before any <await-data> reads it.
import '../streamed-data/define.js';

AwaitDataElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'await-data': AwaitDataElement;
  }
}
