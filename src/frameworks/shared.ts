// What every framework typing entry (`prefetch-elements/react`, `/preact`, `/solid`, `/svelte`,
// `/vue`) says about the two elements, in framework-neutral terms. Types only: nothing here
// exists at run time.
import type { AwaitDataElement } from '../await-data/await-data-element.js';
import type { AwaitDataEventMap } from '../await-data/events.js';
import type { PrefetchLinkElement } from '../prefetch-link/prefetch-link-element.js';
import type { PrefetchLinkEventMap } from '../prefetch-link/events.js';

export type { AwaitDataElement, AwaitDataEventMap, PrefetchLinkElement, PrefetchLinkEventMap };

/** One token of `<prefetch-link trigger>`. */
export type PrefetchTrigger = 'intent' | 'hover' | 'focus' | 'touch' | 'viewport' | 'render' | 'idle' | 'none';

/**
 * The `trigger` attribute: one token, or several separated by spaces (only the first is
 * checked, which catches the usual typo without a union of every combination).
 *
 * @example
 * ```ts
 * const trigger: PrefetchTriggerList = 'intent viewport';
 * ```
 */
export type PrefetchTriggerList = PrefetchTrigger | `${PrefetchTrigger} ${string}`;

/** An attribute that holds a number: a number, or its text. */
export type NumberAttribute = number | `${number}`;

/** The inputs of `<await-data>` that frameworks set as properties. */
type AwaitDataInput = 'promise' | 'query' | 'args' | 'cache' | 'renderer' | 'fallbackDelay' | 'fallbackMin';

/**
 * Properties a framework may set on `<await-data>` (all optional; the latest input set wins),
 * typed as the element declares them.
 */
export type AwaitDataProperties = Partial<Pick<AwaitDataElement, Extract<AwaitDataInput, keyof AwaitDataElement>>>;

/** Attributes of `<await-data>` that have no property of the same name. */
export interface AwaitDataAttributes {
  /** Ms before the fallback appears. Default 100. */
  'fallback-delay'?: NumberAttribute;
  /** Ms the fallback stays once it has appeared. Default 300. */
  'fallback-min'?: NumberAttribute;
}

/** Properties a framework may set on `<prefetch-link>`. */
export type PrefetchLinkProperties = Partial<Pick<PrefetchLinkElement, 'preload'>>;

/** Attributes of `<prefetch-link>`. */
export interface PrefetchLinkAttributes {
  /** When to preload. Default `intent` (hover, focus, touch). */
  trigger?: PrefetchTriggerList;
  /** Ms of hover or focus before a preload. Default 65. */
  delay?: NumberAttribute;
  /** Preload this URL instead of the descendant links' hrefs. */
  href?: string;
  /** Also fetch the link's document (`prefetch`), or render the page ahead (`prerender`). Default: neither. */
  document?: 'prefetch' | 'prerender';
}

/**
 * Listener props for an event map: `Listeners<AwaitDataEventMap, 'on'>` is
 * `{ onpending?, onfulfilled?, onrejected? }`, each typed with its own event.
 *
 * @example
 * ```ts
 * const props: Listeners<AwaitDataEventMap, 'on'> = { onfulfilled: (e) => console.log(e.detail.value) };
 * ```
 */
export type Listeners<M, Prefix extends string, Target = unknown> = {
  [K in keyof M & string as `${Prefix}${K}`]?: (event: M[K] & { currentTarget: Target }) => void;
};
