// Reads the page's HTML as it passes (parse5's streaming rewriter: real tokens, never regular
// expressions) and rewrites each <await-data>: its status, its Declarative Shadow DOM, its
// data-field text when its entry is there, and the <streamed-data> element before it.
import { RewritingStream } from 'parse5-html-rewriting-stream';
import { readPath } from '../await-data/fields.js';
import { escapeHtml, shadowTemplate, withStatus } from './markup.js';
import type { MetPart } from './parts.js';

/** Tags with no end tag: never a `data-field` to fill, never counted as open. */
const VOID_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]); // prettier-ignore

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
  /** One record per open `<await-data>`: its value while fulfilled, whose `data-field`s the server fills. */
  readonly #open: Array<{ value: unknown } | undefined> = [];
  /**
   * Inside a `data-field` element being filled, whose old content is dropped: how many elements
   * are open (the field included), and how many of them are `<await-data>`.
   */
  #skipping: { depth: number; awaitData: number } | undefined;
  #failure: { error: unknown } | undefined;

  constructor({ meet, nonce }: { meet: MeetPart; nonce: string | undefined }) {
    this.#meet = meet;
    this.#template = shadowTemplate(nonce);
    // A listener for every kind of token: nothing reaches the output but what the handlers write.
    this.#rewriter.on('startTag', (tag, raw) => this.#guard(() => this.#startTag(tag, raw)));
    this.#rewriter.on('endTag', (tag, raw) => this.#guard(() => this.#endTag(tag.tagName, raw)));
    for (const kind of ['text', 'comment', 'doctype']) {
      this.#rewriter.on(kind, (_token: unknown, raw: string) => this.#guard(() => this.#other(raw)));
    }
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

  #startTag(tag: { tagName: string; attrs: Attributes; selfClosing: boolean }, raw: string): void {
    const isVoid = VOID_TAGS.has(tag.tagName) || tag.selfClosing;
    if (this.#skipping) {
      if (!isVoid) this.#skipping.depth++;
      if (tag.tagName === AWAIT_DATA) this.#skipping.awaitData++;
      return;
    }
    if (tag.tagName === AWAIT_DATA) {
      const met = this.#meet(attributeOf(tag.attrs, 'query'), attributeOf(tag.attrs, 'args'));
      this.#open.push(met.fill);
      this.#emit(met.before + withStatus(raw, AWAIT_DATA, met.status) + this.#template);
      return;
    }
    const filling = this.#open.at(-1);
    const path = attributeOf(tag.attrs, 'data-field');
    if (!filling || path === undefined || isVoid) {
      this.#emit(raw);
      return;
    }
    // The value's text in place of what the field held, as <await-data> itself writes it.
    this.#emit(raw + escapeHtml(String(readPath(filling.value, path) ?? '')));
    this.#skipping = { depth: 1, awaitData: 0 };
  }

  #endTag(tagName: string, raw: string): void {
    if (this.#skipping) {
      // The end of the <await-data> around a field left open ends the field too; any other end
      // tag closes one element inside the field, or the field itself.
      const endsEnclosing = tagName === AWAIT_DATA && this.#skipping.awaitData === 0;
      if (!endsEnclosing) {
        if (tagName === AWAIT_DATA) this.#skipping.awaitData--;
        this.#skipping.depth--;
        if (this.#skipping.depth === 0) {
          this.#skipping = undefined;
          this.#emit(raw);
        }
        return;
      }
      this.#skipping = undefined;
    }
    if (tagName === AWAIT_DATA) this.#open.pop();
    if (tagName === 'body') this.#tail ??= '';
    this.#emit(raw);
  }

  #other(raw: string): void {
    if (!this.#skipping) this.#emit(raw);
  }
}
