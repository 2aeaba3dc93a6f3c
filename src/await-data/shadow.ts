// The shadow tree of every <await-data>, as plain strings: no DOM access here, so a server can
// import this module and send exactly the same markup as Declarative Shadow DOM
// (<template shadowrootmode="open"><style>SHADOW_CSS STATUS_CSS</style>SHADOW_HTML</template>).
import type { Status } from '../cache/defer.js';

/** One of the three parts of the shadow tree, each holding a slot. */
export type Region = 'content' | 'fallback' | 'error';

/** The region that shows each status. */
export const REGION_OF: Readonly<Record<Status, Region>> = {
  fulfilled: 'content',
  pending: 'fallback',
  rejected: 'error',
};

/**
 * The markup, the same in every element and never changed after it is created: the default slot
 * in the content region, the fallback slot inside a polite live region, and the error slot inside
 * an alert region. The live regions stay in the tree and only their slot is shown or hidden, so
 * what appears is their content, which screen readers announce more reliably than a region that
 * appears itself. The content region is hidden whole: checkers such as axe do not look at a
 * slot's own style (axe-core issue 4507), and would take hidden empty fields for visible ones.
 * A renderer's output, when there is one, goes into the content region, before its slot.
 *
 * @example
 * ```ts
 * const html = `<await-data status="pending"><template shadowrootmode="open"><style>${SHADOW_CSS}${STATUS_CSS}</style>${SHADOW_HTML}</template>…</await-data>`;
 * ```
 */
export const SHADOW_HTML =
  '<div id="content"><slot></slot></div>' +
  '<div role="status"><slot name="fallback"></slot></div>' +
  '<div role="alert"><slot name="error"></slot></div>';

/**
 * Which slot is on screen: the stylesheet every element adopts (one `CSSStyleSheet` shared by
 * all). The element names the region on screen with one custom state (`:state(content)`,
 * `:state(fallback)`, `:state(error)`, or none while nothing is due yet), which may lag the
 * `status` attribute by the anti-flicker rules. A hidden slot takes its slotted content off
 * screen with it; the live regions around the fallback and error slots stay.
 *
 * The regions add no boxes of their own (`display: contents`): the light-DOM children lay out as
 * the host's own children would, and the page does not pay for a block inside an inline element
 * three times per `<await-data>` (that layout was most of what showing one cost).
 * The live regions keep their roles: browsers expose a `display: contents` element to assistive
 * technology as they would any other (interoperable since 2024; checked in Chromium's tree).
 *
 * @example
 * ```ts
 * const sheet = new CSSStyleSheet();
 * sheet.replaceSync(SHADOW_CSS);
 * ```
 */
export const SHADOW_CSS = `
#content,
[role] {
  display: contents;
}
:host(:defined:not(:state(content))) #content,
:host(:defined:not(:state(fallback))) slot[name=fallback],
:host(:defined:not(:state(error))) slot[name=error] {
  display: none;
}
`;

/**
 * Which slot is on screen before the element has upgraded (a page rendered on a server, before
 * the module has run): the one the `status` attribute names. For a server's Declarative Shadow
 * DOM, after {@link SHADOW_CSS} in the same `<style>`. The element itself does not adopt it:
 * a rule on `[status]` makes every change of that attribute restyle the shadow tree, which cost
 * about a third of what showing 1 000 settled elements took.
 *
 * @example
 * ```ts
 * const style = `<style>${SHADOW_CSS}${STATUS_CSS}</style>`;
 * ```
 */
export const STATUS_CSS = `
:host(:not(:defined):not([status=fulfilled])) #content,
:host(:not(:defined):not([status=pending])) slot[name=fallback],
:host(:not(:defined):not([status=rejected])) slot[name=error] {
  display: none;
}
`;
