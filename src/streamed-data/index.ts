/**
 * `<streamed-data>`: the inert element that carries the entries a server streams with a page.
 * Importing this module defines the tag. The main entry defines it (before `<await-data>`), so a
 * page that loads the library needs nothing more.
 *
 * @example
 * ```ts
 * document.createElement('streamed-data') instanceof StreamedDataElement; // true once the library has loaded
 * ```
 */
import './define.js';

export { StreamedDataElement } from './streamed-data-element.js';
export { STREAMED_DATA_TAG, type StreamedPart, type StreamedError } from './wire.js';
