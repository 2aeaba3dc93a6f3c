// The sets of element names the HTML standard's tree construction rules name (§13.2.4, §13.2.6),
// for open-elements.ts. Names are as the tokenizer gives them: lower case.
import type { OpenElement } from './open-elements.js';

const names = (list: string) => new Set(list.split(' '));

/** Elements with no end tag: never open. */
export const VOID = names(
  'area base basefont bgsound br col embed frame hr img image input keygen link meta param source track wbr',
);
export const HEADINGS = names('h1 h2 h3 h4 h5 h6');
/** The "special" category: an end tag of another element is ignored at one of these. */
export const SPECIAL = names(
  'address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup ' +
    'dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head ' +
    'header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes ' +
    'noscript object ol p param plaintext pre script search section select source style summary table tbody td ' +
    'template textarea tfoot th thead title tr track ul wbr xmp',
);
/** Elements whose end tag the parser implies ("generate implied end tags"). */
export const IMPLIED_END = names('dd dt li optgroup option p rb rp rt rtc');
/** Start tags that close an open `<p>` in button scope. */
export const CLOSES_P = names(
  'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header ' +
    'hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing xmp hr li dd dt plaintext',
);
/** End tags that close everything up to their element when it is in scope. */
export const BLOCK_END = names(
  'address article aside blockquote button center details dialog dir div dl fieldset figcaption figure footer ' +
    'header hgroup listing main menu nav ol pre search section summary ul applet marquee object',
);
export const FORMATTING = names('a b big code em font i nobr s small strike strong tt u');
/** Table elements: a start tag of one is ignored outside a table. */
export const TABLE_PARTS = names('caption col colgroup tbody td tfoot th thead tr');
export const SECTIONS = names('tbody thead tfoot');
/** HTML start tags that end SVG or MathML content. */
export const BREAKS_FOREIGN = names(
  'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta ' +
    'nobr ol p pre ruby s small span strong strike sub sup table tt u ul var',
);
/** Foreign elements whose children are HTML again (integration points). */
export const FOREIGN_HTML_INSIDE = names('foreignObject foreignobject desc title mi mo mn ms mtext'); // either spelling

const SCOPE_LIMITS = names('applet caption html table td th marquee object template');
export type Scope = 'default' | 'button' | 'list' | 'table' | 'select';

export function limitsScope(element: OpenElement, scope: Scope): boolean {
  if (element.namespace !== 'html') return FOREIGN_HTML_INSIDE.has(element.name) || element.name === 'annotation-xml';
  if (scope === 'table') return element.name === 'table' || element.name === 'template' || element.name === 'html';
  if (scope === 'select') return element.name !== 'optgroup' && element.name !== 'option';
  if (scope === 'button' && element.name === 'button') return true;
  if (scope === 'list' && (element.name === 'ol' || element.name === 'ul')) return true;
  return SCOPE_LIMITS.has(element.name);
}

/** Elements that mark where the formatting elements reopened inside them start. */
export const MARKERS = names('applet caption marquee object td template th');
/** Special elements whose start tag reopens the formatting elements a block ended ("reconstruct"). */
const RECONSTRUCTING_SPECIAL = names('applet area br button embed img input keygen marquee object select wbr xmp');
const RUBY_TEXT = names('rb rp rt rtc');

/** Whether the parser reopens ended formatting elements before it inserts this start tag. */
export const reconstructsBefore = (name: string): boolean =>
  (!SPECIAL.has(name) && !RUBY_TEXT.has(name)) || RECONSTRUCTING_SPECIAL.has(name);
/** Elements whose content the tokenizer reads as text. */
export const RAW_TEXT = names('iframe noembed noframes noscript plaintext script style textarea title xmp');
/** Where text goes to the table's "in table text" rules. */
export const TABLE_ROWS = names('table tbody tfoot thead tr');
