// The HTML parser's stack of open elements, kept by tag name from the page's tokens, so the
// rewriter knows where an element ends as a browser would: at its own end tag, at the end tag of
// an element around it, or at a start tag that implies its end (`<li>` after an open `<li>`,
// `<div>` after an open `<p>`). It follows the "in body" and table rules of the HTML standard
// (§13.2.6.4.7, and "in select", "in table", foreign content) for what opens and closes
// elements, and reopens ended formatting elements (`<b>`, `<i>`…) as the parser does; misnested
// formatting end tags (the adoption agency) it only takes off the stack. The rewriter fills a
// field only when the field held text alone, so a case it gets wrong can leave a field's old text
// in place, never drop an element (see rewrite.ts).
import {
  BLOCK_END,
  BREAKS_FOREIGN,
  CLOSES_P,
  FOREIGN_HTML_INSIDE,
  FORMATTING,
  HEADINGS,
  IMPLIED_END,
  limitsScope,
  MARKERS,
  RAW_TEXT,
  reconstructsBefore,
  type Scope,
  SECTIONS,
  SPECIAL,
  TABLE_PARTS,
  TABLE_ROWS,
  VOID,
} from './html-sets.js';

/** One open element. `data` is what the rewriter keeps on it (the value of an `<await-data>`). */
export interface OpenElement {
  readonly name: string;
  readonly namespace: 'html' | 'svg' | 'math';
  data?: { value: unknown } | undefined;
  readonly awaitData?: boolean;
}

/**
 * The stack of open elements, from the tokens of a page read from its start.
 *
 * @example
 * ```ts
 * const open = new OpenElements();
 * const item = open.startTag('li', { selfClosing: false }); // pushed: <li> is open
 * open.startTag('li', { selfClosing: false });              // a new <li> ends the first
 * open.isOpen(item!);                                       // false
 * ```
 */
export class OpenElements {
  readonly #stack: OpenElement[] = [];
  /**
   * The list of active formatting elements: the parser reopens one a block ended (`<p><b>1<p>2`
   * puts a new `<b>` in the second `<p>`). A marker (a cell, a caption, an object…) hides those
   * before it while it is open.
   */
  readonly #formatting: Array<{ element: OpenElement; marker: boolean }> = [];
  /** `<!doctype html>` seen: a `<table>` then ends an open `<p>` (in quirks mode it does not). */
  noQuirks = false;

  /** The namespace of the current element: an element opened here is in it (unless it is `<svg>` or `<math>`). */
  currentNamespace(): OpenElement['namespace'] {
    const current = this.#stack.at(-1);
    return this.#isForeignContent(current) ? current!.namespace : 'html';
  }

  /** Whether the element is still open (no tag has ended it). */
  isOpen(element: OpenElement): boolean {
    return this.#stack.includes(element);
  }

  /** The nearest open `<await-data>`. */
  nearestAwaitData(): OpenElement | undefined {
    return this.#stack[this.#lastIndex((element) => element.awaitData === true)];
  }

  /** Whether an open HTML element of one of these names is around the current element. */
  insideAny(names: ReadonlySet<string>): boolean {
    return this.#stack.some((element) => element.namespace === 'html' && names.has(element.name));
  }

  /** Applies a start tag; returns the element it opened, if it opened one. */
  startTag(name: string, { selfClosing }: { selfClosing: boolean }): OpenElement | undefined {
    const current = this.#stack.at(-1);
    if (this.#readsText(current)) return undefined;
    if (this.#isForeignContent(current)) {
      if (!BREAKS_FOREIGN.has(name)) return selfClosing ? undefined : this.#push(name, current!.namespace);
      while (this.#isForeignContent(this.#stack.at(-1))) this.#stack.pop();
    }
    if (this.#selectIndex() !== -1) return this.#startInSelect(name);
    if (name === 'svg' || name === 'math') return selfClosing ? undefined : this.#push(name, name);
    if (name === 'html' || name === 'head' || name === 'body' || name === 'frameset') return undefined;
    if (TABLE_PARTS.has(name)) return this.#tablePart(name);
    if (name === 'table' && this.#inTableRows()) this.#closeInScope('table', 'table'); // a table in a table ends it
    if (name === 'form' && this.#stack.some((element) => element.name === 'form')) return undefined;
    this.#impliedEndsBefore(name);
    if (reconstructsBefore(name)) this.#reconstruct();
    if (VOID.has(name)) return undefined;
    return this.#insert(name);
  }

  /** Text (its source): the parser reopens, around it, the formatting elements a block ended. */
  text(raw: string): void {
    const current = this.#stack.at(-1);
    if (this.#selectIndex() !== -1 || this.#isForeignContent(current) || this.#readsText(current)) return;
    const inTableRows = TABLE_ROWS.has(current?.name ?? '');
    if (!inTableRows || /[^\t\n\f\r ]/.test(raw)) this.#reconstruct();
  }

  /** Applies an end tag. */
  endTag(name: string): void {
    const current = this.#stack.at(-1);
    if (this.#readsText(current) && current!.name !== name) return;
    if (current && current.namespace !== 'html') {
      // Ends the nearest foreign element of that name above the nearest HTML element.
      const html = this.#lastIndex((element) => element.namespace === 'html');
      const match = this.#lastIndex((element) => element.name.toLowerCase() === name.toLowerCase());
      if (match > html) return this.#popThrough(match);
    }
    const endsSelect = this.#indexInScope((element) => element.name === name, 'table') !== -1;
    if (this.#selectIndex() !== -1 && endsSelect && this.#endsSelectInTable(name)) return this.endTag(name);
    if (this.#selectIndex() !== -1 && !['option', 'optgroup', 'select', 'template'].includes(name)) return;
    if (name === 'html' || name === 'head' || name === 'body' || name === 'br') return;
    if (name === 'p') return this.#closeInScope('p', 'button');
    if (name === 'li') return this.#closeInScope('li', 'list');
    if (BLOCK_END.has(name) || name === 'dd' || name === 'dt') return this.#closeInScope(name, 'default');
    if (HEADINGS.has(name)) return this.#closeHeading();
    if (name === 'form') return this.#removeInScope('form');
    if (FORMATTING.has(name)) return this.#formattingEnd(name);
    if (TABLE_PARTS.has(name) || name === 'table') return this.#closeInScope(name, 'table');
    if (name === 'select') return this.#closeInScope(name, 'select');
    if (name === 'template') return this.#popThrough(this.#lastIndex((element) => element.name === name));
    this.#anyOtherEnd(name);
  }

  /**
   * A `<textarea>`, `<script>`, `<style>`… whose content is text: a tag the tokenizer reports in
   * one is text to the parser (parse5's tokenizer misses this after `<svg/>` or an `<svg>` in a `<select>`).
   */
  #readsText(element: OpenElement | undefined): boolean {
    return element !== undefined && element.namespace === 'html' && RAW_TEXT.has(element.name);
  }

  /** An SVG or MathML element whose children are SVG or MathML too (not an integration point). */
  #isForeignContent(element: OpenElement | undefined): boolean {
    return element !== undefined && element.namespace !== 'html' && !FOREIGN_HTML_INSIDE.has(element.name);
  }

  /** Opens an HTML element from its start tag: a formatting element or a marker goes on the formatting list too. */
  #insert(name: string): OpenElement {
    const element = this.#push(name, 'html');
    if (FORMATTING.has(name) || MARKERS.has(name)) this.#formatting.push({ element, marker: MARKERS.has(name) });
    return element;
  }

  #push(name: string, namespace: OpenElement['namespace']): OpenElement {
    const element: OpenElement = { name, namespace, awaitData: name === 'await-data' };
    this.#stack.push(element);
    return element;
  }

  /** What a start tag ends before it opens: an `<li>`, `<dd>`, `<dt>`, `<p>`, heading, `<option>`… */
  #impliedEndsBefore(name: string): void {
    const current = this.#stack.at(-1)?.name;
    if (name === 'li') this.#closeListItem(['li']);
    if (name === 'dd' || name === 'dt') this.#closeListItem(['dd', 'dt']);
    if (CLOSES_P.has(name) || (name === 'table' && this.noQuirks)) this.#closeInScope('p', 'button');
    if (HEADINGS.has(name) && HEADINGS.has(this.#stack.at(-1)?.name ?? '')) this.#stack.pop();
    if ((name === 'option' || name === 'optgroup') && this.#stack.at(-1)?.name === 'option') this.#stack.pop();
    if (name === 'optgroup' && this.#stack.at(-1)?.name === 'optgroup' && this.#selectIndex() !== -1) this.#stack.pop();
    if (name === 'button') this.#closeInScope('button', 'default');
    if (name === 'a' || name === 'nobr') this.#formattingEnd(name);
    if (name === 'rb' || name === 'rtc' || name === 'rp' || name === 'rt') this.#closeRubyText(name);
    if (current === 'colgroup' && name !== 'col') this.#stack.pop();
  }

  /** `<li>` (or `<dd>`, `<dt>`) ends an open one unless a special element other than address, div, p is in between. */
  #closeListItem(items: string[]): void {
    for (let index = this.#stack.length - 1; index >= 0; index--) {
      const element = this.#stack[index]!;
      if (element.namespace === 'html' && items.includes(element.name)) return this.#popThrough(index);
      const passes = element.namespace === 'html' && ['address', 'div', 'p'].includes(element.name);
      if (SPECIAL.has(element.name) && element.namespace === 'html' && !passes) return;
    }
  }

  #closeRubyText(name: string): void {
    if (this.#indexInScope((element) => element.name === 'ruby', 'default') === -1) return;
    const keep = name === 'rt' || name === 'rp' ? 'rtc' : '';
    while (IMPLIED_END.has(this.#stack.at(-1)?.name ?? '') && this.#stack.at(-1)?.name !== keep) this.#stack.pop();
  }

  /** Index of the nearest element matching `test` in `scope`, or -1. */
  #indexInScope(test: (element: OpenElement) => boolean, scope: Scope): number {
    for (let index = this.#stack.length - 1; index >= 0; index--) {
      const element = this.#stack[index]!;
      if (element.namespace === 'html' && test(element)) return index;
      if (limitsScope(element, scope)) return -1;
    }
    return -1;
  }

  /** Pops up to and including the nearest `name` in `scope` (the elements above it end with it). */
  #closeInScope(name: string, scope: Scope): void {
    const index = this.#indexInScope((element) => element.name === name, scope);
    if (index !== -1) this.#stack.splice(index);
  }

  /**
   * The open `<select>` whose content is being read, or -1. Inside one, the parser ignores all but
   * a few tags (as parse5 and Firefox parse it; Chromium's newer parser keeps more, which the
   * rewriter allows for by filling nothing in a `<select>` but `<option>` and `<optgroup>`).
   */
  #selectIndex(): number {
    const select = this.#lastIndex((element) => element.namespace === 'html' && element.name === 'select');
    if (select === -1) return -1;
    return this.#lastIndex((element) => element.name === 'template') > select ? -1 : select;
  }

  /** A start tag inside a `<select>`: options, option groups and what ends the select; the rest ignored. */
  #startInSelect(name: string): OpenElement | undefined {
    if (name === 'option' || name === 'optgroup' || name === 'hr') {
      if (this.#stack.at(-1)?.name === 'option') this.#stack.pop();
      if (name !== 'option' && this.#stack.at(-1)?.name === 'optgroup') this.#stack.pop();
      return name === 'hr' ? undefined : this.#push(name, 'html');
    }
    if (name === 'script' || name === 'template') return this.#insert(name);
    if (this.#endsSelectInTable(name)) return this.startTag(name, { selfClosing: false });
    if (!['select', 'input', 'keygen', 'textarea'].includes(name)) return undefined;
    this.#popThrough(this.#selectIndex());
    return name === 'select' ? undefined : this.startTag(name, { selfClosing: false });
  }

  /** Drops the entries of closed markers (as the parser clears them when a cell ends); returns the last open marker's index, or -1. */
  #dropClosedMarkers(): number {
    for (let at = this.#formatting.length - 1; at >= 0; at--) {
      const entry = this.#formatting[at]!;
      if (!entry.marker) continue;
      if (this.isOpen(entry.element)) return at;
      this.#formatting.length = at;
    }
    return -1;
  }

  /** The formatting entries after the last open marker. */
  #activeFormatting(): Array<{ element: OpenElement; marker: boolean }> {
    return this.#formatting.slice(this.#dropClosedMarkers() + 1);
  }

  /** Reopens, in order, the formatting elements after the last marker that are no longer open. */
  #reconstruct(): void {
    // The common case, on every text and most start tags: nothing ended to reopen.
    const last = this.#formatting.at(-1);
    if (!last || (!last.marker && this.isOpen(last.element))) return;
    const active = this.#activeFormatting();
    let first = active.length;
    while (first > 0 && !this.isOpen(active[first - 1]!.element)) first--;
    for (const entry of active.slice(first)) entry.element = this.#push(entry.element.name, 'html');
  }

  /** In a `<select>` in a table, a table tag ends the select (and is then read again); an end tag only if its element is open. */
  #endsSelectInTable(name: string): boolean {
    const select = this.#selectIndex();
    const table = this.#lastIndex((element) => element.name === 'table');
    if (!(TABLE_PARTS.has(name) || name === 'table') || table === -1 || table > select) return false;
    this.#popThrough(select);
    return true;
  }

  /** Whether text here would make the parser reopen formatting elements (so writing text, or none, changes the page). */
  reopensFormatting(): boolean {
    const last = this.#formatting.at(-1);
    if (!last || (!last.marker && this.isOpen(last.element))) return false;
    const active = this.#activeFormatting();
    return active.length > 0 && !this.isOpen(active.at(-1)!.element);
  }

  /** Inside a table but not in a cell or caption: where a table's own start tags apply. */
  #inTableRows(): boolean {
    const part = this.#stack[this.#lastIndex((element) => TABLE_PARTS.has(element.name) || element.name === 'table')];
    return part !== undefined && part.name !== 'td' && part.name !== 'th' && part.name !== 'caption';
  }

  /** Index of the nearest open element that passes `test`, or -1. */
  #lastIndex(test: (element: OpenElement) => boolean): number {
    for (let index = this.#stack.length - 1; index >= 0; index--) if (test(this.#stack[index]!)) return index;
    return -1;
  }

  /** Pops the element at `index` and every element above it (none if `index` is -1). */
  #popThrough(index: number): void {
    if (index !== -1) this.#stack.splice(index);
  }

  #closeHeading(): void {
    const index = this.#indexInScope((element) => HEADINGS.has(element.name), 'default');
    if (index !== -1) this.#stack.splice(index);
  }

  /** `</form>` takes the form off the stack and leaves open what is inside it. */
  #removeInScope(name: string): void {
    const index = this.#indexInScope((element) => element.name === name, 'default');
    if (index === -1) return;
    while (IMPLIED_END.has(this.#stack.at(-1)!.name) && this.#stack.length - 1 > index) this.#stack.pop();
    this.#stack.splice(index, 1);
  }

  /**
   * The end of a formatting element (the adoption agency, simplified): with only phrasing
   * elements above it, they end with it; with a block above it, the block stays open and the
   * formatting element is taken off the stack (the parser moves a copy of it into the block).
   */
  #formattingEnd(name: string): void {
    // Off the list of formatting elements to reopen: the last one of that name after the last marker.
    this.#dropClosedMarkers();
    for (let at = this.#formatting.length - 1; at >= 0 && !this.#formatting[at]!.marker; at--) {
      if (this.#formatting[at]!.element.name === name) {
        this.#formatting.splice(at, 1);
        break;
      }
    }
    const index = this.#indexInScope((element) => element.name === name, 'default');
    if (index === -1) return this.#anyOtherEnd(name);
    const above = this.#stack.slice(index + 1);
    if (above.some((element) => element.namespace === 'html' && SPECIAL.has(element.name))) {
      this.#stack.splice(index, 1);
    } else {
      this.#stack.splice(index);
    }
  }

  /** Any other end tag: ends the nearest element of its name, unless a special element is in between. */
  #anyOtherEnd(name: string): void {
    for (let index = this.#stack.length - 1; index >= 0; index--) {
      const element = this.#stack[index]!;
      if (element.name === name) return this.#popThrough(index);
      if (element.namespace === 'html' && SPECIAL.has(element.name)) return;
    }
  }

  /** A table part's start tag: ends the open cell, row or section it follows, and opens the rows it implies. */
  #tablePart(name: string): OpenElement | undefined {
    if (this.#lastIndex((element) => TABLE_PARTS.has(element.name) || element.name === 'table') === -1) {
      return undefined; // a table part outside a table is ignored
    }
    if (name === 'caption' || name === 'colgroup' || name === 'col' || SECTIONS.has(name)) this.#clearTo('table');
    if (name === 'tr') this.#clearTo('section');
    if (name === 'td' || name === 'th') this.#clearTo('row');
    if (name === 'col') return undefined;
    return this.#insert(name);
  }

  /** Ends what is open inside the nearest table (`'table'`), section or row, opening the section and row it needs. */
  #clearTo(level: 'table' | 'section' | 'row'): void {
    const stops = {
      table: ['table'],
      section: ['table', 'tbody', 'thead', 'tfoot'],
      row: ['table', 'tbody', 'thead', 'tfoot', 'tr'],
    };
    while (this.#stack.length > 0 && !stops[level].includes(this.#stack.at(-1)!.name)) this.#stack.pop();
    const current = this.#stack.at(-1)?.name;
    if (level !== 'table' && current === 'table') this.#push('tbody', 'html');
    if (level === 'row' && this.#stack.at(-1)?.name !== 'tr') this.#push('tr', 'html');
  }
}
