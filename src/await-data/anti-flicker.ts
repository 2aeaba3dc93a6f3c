// Which region an <await-data> shows, and when it may change: the anti-flicker rules.
import type { Region } from './shadow.js';

/** The element's two timing settings, in ms. */
export interface FallbackTiming {
  /** Ms before the fallback appears. */
  fallbackDelay: number;
  /** Ms the fallback stays once it has appeared. */
  fallbackMin: number;
}

/** The defaults of `fallback-delay` and `fallback-min`, in ms. */
export const DEFAULT_TIMING: Readonly<FallbackTiming> = { fallbackDelay: 100, fallbackMin: 300 };

/**
 * A duration in ms from an attribute or a property: a number (or the text of one) that is finite
 * and not negative. Anything else (a removed or empty attribute, `abc`, `-50`) means `fallback`.
 *
 * @example
 * ```ts
 * readMs('250', 100); // 250
 * readMs('abc', 100); // 100
 * readMs(null, 100);  // 100 (a removed attribute)
 * ```
 */
export function readMs(value: unknown, fallback: number): number {
  const isText = typeof value === 'string' && value.trim() !== '';
  const ms = isText ? Number(value) : value;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : fallback;
}

/**
 * A lit attribute converter for a duration: a removed or invalid value reads as `fallback` ms.
 *
 * @example
 * ```ts
 * static properties = { fallbackDelay: { attribute: 'fallback-delay', converter: msConverter(100) } };
 * ```
 */
export const msConverter = (fallback: number) => ({
  fromAttribute: (value: string | null) => readMs(value, fallback),
});

/** What {@link msUntilShown} decides from. */
export interface RegionChange extends FallbackTiming {
  /** The region the status calls for (`undefined`: none). */
  wanted: Region | undefined;
  /** The region on screen now (`undefined`: none yet). */
  shown: Region | undefined;
  /** When the region on screen appeared (`Date.now()` time). */
  shownSince: number;
}

/**
 * How many ms to wait before the wanted region may replace the one on screen; 0 or less means now.
 * The fallback appears only after `fallbackDelay` (a fast answer never flashes it, and content
 * already on screen stays meanwhile), and once it has appeared it stays `fallbackMin` (a glimpse
 * of it reads as a glitch). Any other change is immediate.
 *
 * @example
 * ```ts
 * msUntilShown({ wanted: 'content', shown: 'fallback', shownSince: t0, fallbackDelay: 100, fallbackMin: 300 });
 * // t0 + 300 - Date.now()
 * ```
 */
export function msUntilShown({ wanted, shown, shownSince, fallbackDelay, fallbackMin }: RegionChange): number {
  const wantsFallback = wanted === 'fallback';
  const showsFallback = shown === 'fallback';
  if (wantsFallback === showsFallback) return 0;
  if (wantsFallback) return fallbackDelay;
  return shownSince + fallbackMin - Date.now();
}

/**
 * The region one element shows. It names that region with a custom state of the element
 * (`:state(content)`, `:state(fallback)`, `:state(error)`), which the shared stylesheet reads,
 * and it lets the region follow the element's status within the anti-flicker rules.
 *
 * @example
 * ```ts
 * const shown = new ShownRegion(this.attachInternals());
 * shown.follow('fallback', { fallbackDelay: 100, fallbackMin: 300 }); // the fallback in 100 ms
 * shown.follow('content', { fallbackDelay: 100, fallbackMin: 300 });  // before then: content now
 * ```
 */
export class ShownRegion {
  readonly #states: CustomStateSet;
  /** The region the status has brought on screen; it lags the status by the anti-flicker rules. */
  #region: Region | undefined;
  /** When `#region` last changed (`Date.now()` time). */
  #since = 0;
  /** Brings `#region` in line with the status once the rules allow. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the error region is shown in place of `#region`: a caught descendant's error. */
  #showsCaughtError = false;
  /** The region the custom state names now. */
  #named: Region | undefined;

  constructor(internals: ElementInternals) {
    this.#states = internals.states;
  }

  /**
   * Takes `region` as the one already on screen, for long enough that it may change at once: what
   * the page showed before the element upgraded (the fallback, by the page's `<head>` rule).
   */
  assumeShown(region: Region): void {
    this.#region = region;
    this.#name();
  }

  /** Brings `wanted` on screen, now or once the anti-flicker rules allow (invalid timings mean the defaults). */
  follow(wanted: Region | undefined, timing: FallbackTiming): void {
    this.cancel();
    const fallbackDelay = readMs(timing.fallbackDelay, DEFAULT_TIMING.fallbackDelay);
    const fallbackMin = readMs(timing.fallbackMin, DEFAULT_TIMING.fallbackMin);
    const wait = msUntilShown({ wanted, shown: this.#region, shownSince: this.#since, fallbackDelay, fallbackMin });
    if (wait > 0) {
      this.#timer = setTimeout(() => this.#show(wanted), wait);
    } else {
      this.#show(wanted);
    }
  }

  /** Shows the error region in place of the element's own (`true`), or stops doing so. */
  showCaughtError(shows: boolean): void {
    this.#showsCaughtError = shows;
    this.#name();
  }

  /** Ends a pending change (`follow` starts again). */
  cancel(): void {
    clearTimeout(this.#timer);
  }

  #show(region: Region | undefined): void {
    if (region !== this.#region) this.#since = Date.now();
    this.#region = region;
    this.#name();
  }

  /** Names the visible region in the custom state; an unchanged state is left untouched. */
  #name(): void {
    const region = this.#showsCaughtError ? 'error' : this.#region;
    if (region === this.#named) return;
    if (this.#named) this.#states.delete(this.#named);
    if (region) this.#states.add(region);
    this.#named = region;
  }
}
