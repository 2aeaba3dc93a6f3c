import { STATUSES, type Status } from '../cache/defer.js';
import { streamedParts } from './store.js';
import { STREAMED_DATA_TAG, type StreamedPart } from './wire.js';

// On a server (or in a worker) there is no HTMLElement: the class then extends a stand-in, so
// the module imports anywhere.
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/** Parses one JSON attribute, naming it if it is not JSON. */
function readJSON(element: Element, name: string, missing: string): unknown {
  const text = element.getAttribute(name) ?? missing;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** The entry an element carries, read from its attributes; throws, naming the attribute, if one is unreadable. */
function readPart(element: Element): StreamedPart {
  const query = element.getAttribute('query');
  const status = element.getAttribute('status');
  if (!query) throw new Error('it has no query name');
  if (!STATUSES.includes(status as Status)) throw new Error(`status is ${JSON.stringify(status)}`);
  const args = readJSON(element, 'args', '[]');
  if (!Array.isArray(args)) throw new Error('args is not a JSON array');
  const part: StreamedPart = { query, args, status: status as Status };
  if (status === 'fulfilled') {
    part.value = readJSON(element, 'value', '');
    part.age = Number(element.getAttribute('age')) || 0;
  }
  if (status === 'rejected') part.error = readJSON(element, 'error', '{}') as StreamedPart['error'];
  if (status === 'pending' && element.hasAttribute('timeout')) part.timeout = Number(element.getAttribute('timeout'));
  return part;
}

/**
 * Carries one query entry that a server sent with the page (`prefetch-elements/server` writes
 * it; nobody writes it by hand): its value, its error, or the news that the value follows later
 * in the same response. It is inert data, not script, so a page under
 * `Content-Security-Policy: script-src 'self'` takes it in: when the element is met (or upgraded,
 * once the library's module has loaded) it hands the entry to the query cache, then removes
 * itself. An `<await-data>` showing that entry then shows it with no request; an announced entry
 * is waited for, never fetched. It renders nothing (the server also writes it `hidden`).
 *
 * @example
 * ```html
 * <streamed-data query="reviews" args='["42"]' status="pending" timeout="5000" hidden></streamed-data>
 * …
 * <streamed-data query="reviews" args='["42"]' status="fulfilled" value='[{"stars":5}]' age="3" hidden></streamed-data>
 * ```
 *
 * @tagname streamed-data
 * @attr query - The name of the query the entry belongs to.
 * @attr args - The query's args, as a JSON array.
 * @attr status - `pending` (the value follows later), `fulfilled` or `rejected`.
 * @attr value - The value as JSON, when fulfilled.
 * @attr age - How old the value was (ms) when the server wrote it.
 * @attr error - `{"message", "name"?, "digest"?}` as JSON, when rejected.
 * @attr timeout - When pending: the ms within which the server sends the value or an error.
 */
export class StreamedDataElement extends ElementBase {
  connectedCallback(): void {
    try {
      streamedParts.receive(readPart(this));
    } catch (error) {
      console.error(`prefetch-elements: <${STREAMED_DATA_TAG}> ignored: ${(error as Error).message}`, this);
    }
    // Read once: the cache holds the entry now, and the page keeps no second copy of the data.
    this.remove();
  }
}
