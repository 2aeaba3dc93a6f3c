// Reads the page's HTML as it passes (parse5's streaming rewriter: real tokens, never regular
// expressions) and rewrites each <await-data>: its status, its Declarative Shadow DOM, its
// data-field text when its entry is there, and the <streamed-data> element before it.
import { RewritingStream } from 'parse5-html-rewriting-stream';
import { readPath } from '../await-data/fields.js';
import { escapeHtml, shadowTemplate, withStatus } from './markup.js';
import { RAW_TEXT } from './html-sets.js';
import { OpenElements, type OpenElement } from './open-elements.js';
import type { MetPart } from './parts.js';

/**
 * Fields never filled on the server: their text would not be their content (a table part's text
 * is moved before the table), or is not HTML text (scripts, styles, raw text), or is the page's
 * structure (`<select>`, `<template>`). The page's script fills them.
 */
const NEVER_FILLED = new Set([
  'table', 'tbody', 'thead', 'tfoot', 'tr', 'colgroup', 'select', 'template', 'script', 'style', 'xmp', 'iframe',
  'noembed', 'noframes', 'noscript', 'plaintext',
]); // prettier-ignore

const SELECT = new Set(['select']);

const AWAIT_DATA = 'await-data';

/** A token's attributes as parse5 gives them. */
type Attributes = ReadonlyArray<{ name: string; value: string }>;
const attributeOf = (attrs: Attributes, name: string) => attrs.find((attr) => attr.name === name)?.value;

/**
 * The writable side of the rewriter, a Node `Transform`: typed here, because the package's own
 * types need `@types/node`, which a user of ours may not have.
 */
interface HtmlInput {
  write(html: string): boolean;
  end(): void;
  once(event: 'finish', listener: () => void): unknown;
}

/** What the rewriter asks of the render for each `<await-data>`. */
export type MeetPart = (name: string | undefined, argsText: string | undefined) => MetPart;

/**
 * Rewrites a page's HTML chunk by chunk. Output up to the `</body>` end tag is the shell, handed
 * back by each `write()`; from `</body>` on it is held as the tail, which the render sends once
 * every part has settled, so the late values land inside the body.
 *
 * @example
 * ```ts
 * const shell = new ShellRewriter({ meet: (name, args) => parts.meet(name, args), nonce: undefined });
 * send(shell.write('<body><await-data query="product" args=\'["1"]\'>…</await-data>'));
 * send(await shell.end());
 * later(shell.tail);
 * ```
 */
export class ShellRewriter {
  readonly #rewriter = new RewritingStream();
  readonly #input = this.#rewriter as unknown as HtmlInput;
  readonly #meet: MeetPart;
  readonly #template: string;
  /** Output not handed back yet. */
  #shell = '';
  /** Everything from `</body>` on; `undefined` until then. */
  #tail: string | undefined;
  /** The page's open elements, as the browser's parser will have them. */
  readonly #elements = new OpenElements();
  /**
   * A `data-field` element being filled: its old content, held back while it is text alone, and
   * the value's text that replaces it once the element ends (see `#settleField`).
   */
  #field:
    | { element: OpenElement; oldContent: string; hadText: boolean; text: string; reopensFormatting: boolean }
    | undefined;
  #failure: { error: unknown } | undefined;

  constructor({ meet, nonce }: { meet: MeetPart; nonce: string | undefined }) {
    this.#meet = meet;
    this.#template = shadowTemplate(nonce);
    // A listener for every kind of token: nothing reaches the output but what the handlers write.
    this.#rewriter.on('startTag', (tag, raw) => this.#guard(() => this.#startTag(tag, raw)));
    this.#rewriter.on('endTag', (tag, raw) => this.#guard(() => this.#endTag(tag.tagName, raw)));
    this.#rewriter.on('text', (_token, raw) => this.#guard(() => this.#text(raw)));
    this.#rewriter.on('comment', (_token, raw) => this.#guard(() => this.#other(raw)));
    this.#rewriter.on('doctype', (doctype, raw) => this.#guard(() => this.#doctype(doctype, raw)));
  }

  /** Everything from `</body>` on (empty if the HTML had none). */
  get tail(): string {
    return this.#tail ?? '';
  }

  /** Rewrites the next chunk of HTML; returns the shell output that is ready. */
  write(html: string): string {
    this.#input.write(html);
    return this.#take();
  }

  /** Ends the HTML: what the tokenizer still held is rewritten, and the rest of the shell returned. */
  async end(): Promise<string> {
    const finished = new Promise<void>((resolve) => this.#input.once('finish', resolve));
    this.#input.end();
    await finished;
    // A field still open at the end of the page ends there: its text is all it held.
    this.#settleField({ ended: true });
    return this.#take();
  }

  #take(): string {
    if (this.#failure) throw this.#failure.error;
    const shell = this.#shell;
    this.#shell = '';
    return shell;
  }

  /** A handler that throws would wedge the parser's stream: the error is kept and thrown by `write()`. */
  #guard(handle: () => void): void {
    try {
      handle();
    } catch (error) {
      this.#failure ??= { error };
    }
  }

  #emit(html: string): void {
    if (this.#tail === undefined) this.#shell += html;
    else this.#tail += html;
  }

  /** `<!doctype html>` puts the page in no-quirks mode, where a `<table>` ends an open `<p>`. */
  #doctype(doctype: { name: string | null; publicId: string | null; systemId: string | null }, raw: string): void {
    const legacy = doctype.systemId === null || doctype.systemId === 'about:legacy-compat';
    this.#elements.noQuirks = doctype.name === 'html' && doctype.publicId === null && legacy;
    this.#other(raw);
  }

  #startTag(tag: { tagName: string; attrs: Attributes; selfClosing: boolean }, raw: string): void {
    // An <await-data> inside SVG or MathML is a foreign element, not ours; inside a <textarea> it
    // is text (the tokenizer reads it as a tag after a self-closed `<svg/>`, which the parser closes).
    const ours =
      tag.tagName === AWAIT_DATA && this.#elements.currentNamespace() === 'html' && !this.#elements.insideAny(RAW_TEXT);
    const element = this.#elements.startTag(tag.tagName, { selfClosing: tag.selfClosing });
    this.#settleField();
    if (ours) {
      const met = this.#meet(attributeOf(tag.attrs, 'query'), attributeOf(tag.attrs, 'args'));
      if (element) element.data = met.fill;
      this.#emit(met.before + withStatus(raw, AWAIT_DATA, met.status) + this.#template);
      return;
    }
    this.#emit(raw);
    const path = attributeOf(tag.attrs, 'data-field');
    const filling = this.#elements.nearestAwaitData()?.data;
    if (element && filling && path !== undefined && this.#fillable(element)) {
      // The value's text in place of what the field held, as <await-data> itself writes it.
      const text = escapeHtml(String(readPath(filling.value, path) ?? ''));
      const reopensFormatting = this.#elements.reopensFormatting();
      this.#field = { element, oldContent: '', hadText: false, text, reopensFormatting };
    }
  }

  /** Whether the server may fill this field: an element whose text is its content (not moved, not raw). */
  #fillable(element: OpenElement): boolean {
    if (NEVER_FILLED.has(element.name) || this.#elements.insideAny(RAW_TEXT)) return false;
    return !this.#elements.insideAny(SELECT) || element.name === 'option' || element.name === 'optgroup';
  }

  #endTag(tagName: string, raw: string): void {
    this.#elements.endTag(tagName);
    this.#settleField();
    if (tagName === 'body') this.#tail ??= '';
    this.#emit(raw);
  }

  /**
   * After a tag, while a field is being filled. If the tag ended the field, as the browser's
   * parser ends it (its end tag, an end tag of an element around it, a start tag that implies
   * its end), the old text is replaced by the value. Otherwise the field holds more than text
   * (or the tag is one the parser ignores there): its old content is sent as it was, and the
   * page's script fills it. Only text and comments are ever replaced, so no element of the page
   * is dropped, whatever the markup.
   */
  #settleField({ ended = false } = {}): void {
    const field = this.#field;
    if (!field) return;
    this.#field = undefined;
    // Text where there was none (or none where there was) would make the parser reopen an ended
    // <b> or <i> there, or not, and so change what follows: such a field is left as written.
    const changesFormatting = field.reopensFormatting && field.hadText !== (field.text !== '');
    const filled = (ended || !this.#elements.isOpen(field.element)) && !changesFormatting;
    this.#emit(filled ? field.text : field.oldContent);
  }

  #text(raw: string): void {
    this.#elements.text(raw);
    if (this.#field) this.#field.hadText = true;
    this.#other(raw);
  }

  #other(raw: string): void {
    if (this.#field) this.#field.oldContent += raw;
    else this.#emit(raw);
  }
}
