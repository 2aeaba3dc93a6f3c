// Everything the server writes into the page, escaped: text, attribute values, the Declarative
// Shadow DOM of <await-data>, and the inert <streamed-data> elements that carry the entries.
import { SHADOW_CSS, SHADOW_HTML, STATUS_CSS } from '../await-data/shadow.js';
import type { Status } from '../cache/defer.js';
import { STREAMED_DATA_TAG, type StreamedPart } from '../streamed-data/wire.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // The HTML parser turns a carriage return into a line feed; a reference keeps it as it was.
  '\r': '&#13;',
  // Harmless in HTML, but line ends in old JavaScript: escaped so no later use of the text can trip on them.
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

/**
 * Escapes text for HTML, in an element's content or in a quoted attribute value: nothing in it
 * can end the element, the attribute or the document (`</script>`, `<!--`, `"`, `&`), and it
 * reads back exactly (`textContent`, `getAttribute`), carriage returns included.
 *
 * @example
 * ```ts
 * escapeHtml('</script><!-- "a" & b'); // '&lt;/script&gt;&lt;!-- &quot;a&quot; &amp; b'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r\u2028\u2029]/g, (character) => ESCAPES[character]!);
}

/** One attribute, ` name="value"`, its value escaped. */
export const attribute = (name: string, value: string): string => ` ${name}="${escapeHtml(value)}"`;

/** The shadow tree's stylesheet on one line, as every server-rendered `<await-data>` carries it. */
const TEMPLATE_CSS = (SHADOW_CSS + STATUS_CSS).replace(/\s+/g, ' ').trim();

/** The shadow tree of every `<await-data>`, as Declarative Shadow DOM (with the nonce on its style, if any). */
export function shadowTemplate(nonce: string | undefined): string {
  const style = `<style${nonce === undefined ? '' : attribute('nonce', nonce)}>${TEMPLATE_CSS}</style>`;
  return `<template shadowrootmode="open">${style}${SHADOW_HTML}</template>`;
}

/**
 * The start tag of an `<await-data>` as the author wrote it, with its status in front of its
 * other attributes (the first of two equal names wins, so a `status` the author wrote loses) and
 * `aria-busy` while pending, as the element itself sets them.
 */
export function withStatus(rawStartTag: string, tagName: string, status: Status): string {
  const nameEnd = 1 + tagName.length; // after `<await-data`
  const busy = status === 'pending' ? ' aria-busy="true"' : '';
  return `${rawStartTag.slice(0, nameEnd)}${attribute('status', status)}${busy}${rawStartTag.slice(nameEnd)}`;
}

/** A `<streamed-data>` element carrying one entry; the JSON (already made) is escaped into its attributes. */
export function streamedData(part: StreamedPart & { json?: string }): string {
  let attributes = attribute('query', part.query) + attribute('args', JSON.stringify(part.args));
  attributes += attribute('status', part.status);
  if (part.json !== undefined) attributes += attribute('value', part.json) + attribute('age', String(part.age ?? 0));
  if (part.error) attributes += attribute('error', JSON.stringify(part.error));
  if (part.timeout !== undefined) attributes += attribute('timeout', String(part.timeout));
  return `<${STREAMED_DATA_TAG}${attributes} hidden></${STREAMED_DATA_TAG}>`;
}
