// Registers <streamed-data>, and settles at the end of the document what never arrived. Imported
// before <await-data> is defined, so that every entry a server sent is in the cache before any
// <await-data> that shows it reads its query. Does nothing on a server.
import { defineElement } from '../shared/define-element.js';
import { StreamedDataElement } from './streamed-data-element.js';
import { streamedParts } from './store.js';
import { STREAMED_DATA_TAG } from './wire.js';

defineElement(STREAMED_DATA_TAG, StreamedDataElement);

if (globalThis.document?.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => streamedParts.endOfDocument(), { once: true });
} else if (globalThis.document) {
  // Loaded after the page was parsed: defining the tag above took in every entry in it.
  streamedParts.endOfDocument();
}

declare global {
  interface HTMLElementTagNameMap {
    'streamed-data': StreamedDataElement;
  }
}
