/**
 * Typed Angular bindings: two standalone directives on the tag names `await-data` and
 * `prefetch-link`. Import them instead of `CUSTOM_ELEMENTS_SCHEMA` and `strictTemplates` checks
 * each binding: `[delay]="'soon'"` is a type error, `[promis]` an unknown property, and
 * `$event` is the element's own event (`$event.detail.href` compiles; a misspelt
 * `(prefetchstrat)` gives a plain `Event`, so reading its `detail` does not).
 *
 * The directives only forward: each input sets the element's property of the same name, and
 * the element dispatches its events itself. The elements still come from `prefetch-elements`.
 *
 * @example
 * ```ts
 * import 'prefetch-elements';
 * import { PrefetchElements } from 'prefetch-elements/angular';
 *
 * @Component({
 *   selector: 'product-page',
 *   imports: [PrefetchElements],
 *   template: `
 *     <await-data [query]="product" [args]="[id()]" (fulfilled)="item = $any($event.detail.value)">
 *       <p slot="fallback">Loading…</p>
 *       <h1>{{ item?.name }}</h1>
 *     </await-data>`,
 * })
 * export class ProductPage {}
 * ```
 */
// Angular's compiler reads a library's directives from two places, and both are written here as
// it would write them (its "partial compilation" output, which the Angular CLI's linker turns into
// the final code of an app, and which `@angular/compiler` compiles just in time otherwise): the
// `ɵdir` and `ɵfac` declarations in the .d.ts, whose type arguments name the selector, inputs and
// outputs, and the `ɵɵngDeclare*` calls at run time. The linker finds those calls by their shape:
// `i0.ɵɵngDeclare…({ …, ngImport: i0 })` with `i0` the namespace import of `@angular/core`, and
// literals in every field it reads (a `version` held in a constant is "Unsupported syntax,
// expected a string literal"). The Angular CLI links a file only when its text contains the
// names `ɵɵngDeclare…` as written, which is why the build writes its output in UTF-8. The calls
// run on first use (Angular reads `ɵdir` when it compiles a template that imports the
// directive), not at import: a server imports this module too. test/package/angular.test.mjs
// compiles templates with ngc against the installed package and runs an app linked as the CLI does.
import * as i0 from '@angular/core';
import { ElementRef, inject, output } from '@angular/core';
import type * as shared from './shared.js';

/**
 * Inputs of `<await-data>`: each sets the element's property of the same name. Outputs:
 * `(pending)`, `(fulfilled)` and `(rejected)` with the element's events as `$event`.
 *
 * @example
 * ```html
 * <await-data [promise]="reviews" (fulfilled)="onReviews($event)" fallback-delay="200">…</await-data>
 * ```
 */
export class AwaitDataDirective {
  readonly #element = inject<ElementRef<shared.AwaitDataElement>>(ElementRef).nativeElement;

  /** A promise or `Deferred` to wait for. */
  set promise(value: shared.AwaitDataElement['promise']) {
    this.#element.promise = value;
  }
  /** A `Query`, or the name of one registered in `cache`. */
  set query(value: shared.AwaitDataElement['query']) {
    this.#element.query = value;
  }
  /** The query's arguments: an array, or its JSON. */
  set args(value: shared.AwaitDataElement['args']) {
    this.#element.args = value;
  }
  /** Where a query name is looked up. Default: `defaultCache`. */
  set cache(value: shared.AwaitDataElement['cache']) {
    this.#element.cache = value;
  }
  /** Renders the value into the `rendered` part. */
  set renderer(value: shared.AwaitDataElement['renderer']) {
    this.#element.renderer = value;
  }
  /** Ms before the fallback appears. Default 100. (The attribute form is `fallback-delay="200"`.) */
  set fallbackDelay(value: number) {
    this.#element.fallbackDelay = value;
  }
  /** Ms the fallback stays once shown. Default 300. */
  set fallbackMin(value: number) {
    this.#element.fallbackMin = value;
  }
  /** Ms after the page's load that an unknown query name is waited for. Default 5 000. */
  set queryTimeout(value: number) {
    this.#element.queryTimeout = value;
  }

  // Outputs for the template type checker only: they type `$event`, and never emit. Angular adds
  // a DOM listener for `(fulfilled)` on an element whatever directives it has, so the element's
  // own event reaches the handler; emitting here as well would call the handler twice.
  /** Waiting for the input. */
  readonly pending = output<shared.AwaitDataEventMap['pending']>();
  /** Settled: `$event.detail.value`. */
  readonly fulfilled = output<shared.AwaitDataEventMap['fulfilled']>();
  /** Rejected: `$event.detail.error`. */
  readonly rejected = output<shared.AwaitDataEventMap['rejected']>();

  declare static readonly ɵfac: i0.ɵɵFactoryDeclaration<AwaitDataDirective, never>;
  declare static readonly ɵdir: i0.ɵɵDirectiveDeclaration<
    AwaitDataDirective,
    'await-data',
    never,
    {
      promise: { alias: 'promise'; required: false };
      query: { alias: 'query'; required: false };
      args: { alias: 'args'; required: false };
      cache: { alias: 'cache'; required: false };
      renderer: { alias: 'renderer'; required: false };
      fallbackDelay: { alias: 'fallbackDelay'; required: false };
      fallbackMin: { alias: 'fallbackMin'; required: false };
      queryTimeout: { alias: 'queryTimeout'; required: false };
    },
    { pending: 'pending'; fulfilled: 'fulfilled'; rejected: 'rejected' },
    never,
    never,
    true,
    never
  >;
}

/**
 * Inputs of `<prefetch-link>`: each sets the element's property of the same name. Outputs:
 * `(prefetchstart)`, `(prefetchend)` and `(prefetcherror)` with the element's events as `$event`.
 *
 * @example
 * ```html
 * <prefetch-link trigger="intent viewport" [delay]="100" (prefetchstart)="started($event.detail.href)">
 *   <a routerLink="/products/42">Widget</a>
 * </prefetch-link>
 * ```
 */
export class PrefetchLinkDirective {
  readonly #element = inject<ElementRef<shared.PrefetchLinkElement>>(ElementRef).nativeElement;

  /** When to preload: tokens separated by spaces. Default `intent` (hover, focus, touch). */
  set trigger(value: shared.PrefetchTriggerList | null | undefined) {
    this.#element.trigger = value;
  }
  /** Ms of hover or focus before a preload. Default 65. */
  set delay(value: shared.NumberAttribute | null | undefined) {
    this.#element.delay = value;
  }
  /** The URL to preload instead of the descendant links' hrefs. */
  set href(value: string | null | undefined) {
    this.#element.href = value;
  }
  /** A preload of this element's own, run instead of the registered route's. */
  set preload(value: shared.PrefetchLinkElement['preload']) {
    this.#element.preload = value;
  }

  // Outputs for the template type checker only (see AwaitDataDirective).
  /** Before a preload runs: `$event.detail.href`; `$event.preventDefault()` skips it. */
  readonly prefetchstart = output<shared.PrefetchLinkEventMap['prefetchstart']>();
  /** After a preload settled. */
  readonly prefetchend = output<shared.PrefetchLinkEventMap['prefetchend']>();
  /** A preload threw or rejected: `$event.detail.error`. */
  readonly prefetcherror = output<shared.PrefetchLinkEventMap['prefetcherror']>();

  declare static readonly ɵfac: i0.ɵɵFactoryDeclaration<PrefetchLinkDirective, never>;
  declare static readonly ɵdir: i0.ɵɵDirectiveDeclaration<
    PrefetchLinkDirective,
    'prefetch-link',
    never,
    {
      trigger: { alias: 'trigger'; required: false };
      delay: { alias: 'delay'; required: false };
      href: { alias: 'href'; required: false };
      preload: { alias: 'preload'; required: false };
    },
    { prefetchstart: 'prefetchstart'; prefetchend: 'prefetchend'; prefetcherror: 'prefetcherror' },
    never,
    never,
    true,
    never
  >;
}

/**
 * Both directives, for a component's `imports`.
 *
 * @example
 * ```ts
 * @Component({ selector: 'app-nav', imports: [PrefetchElements], template: '…' })
 * ```
 */
export const PrefetchElements = [AwaitDataDirective, PrefetchLinkDirective] as const;

// The definitions, compiled once, on first use. (`@angular/core` types these calls with fewer
// fields than its compiler writes; the casts are erased, and the linker reads the literals.)
// `version` is the Angular these declarations are written for; `minVersion` the oldest linker
// that reads them, as Angular's compiler writes them for a directive and a factory.
type FactoryDeclaration = Parameters<typeof i0.ɵɵngDeclareFactory>[0];
type DirectiveDeclaration = Parameters<typeof i0.ɵɵngDeclareDirective>[0];
let awaitDataFactory: unknown;
let awaitDataDirective: unknown;
let prefetchLinkFactory: unknown;
let prefetchLinkDirective: unknown;

Object.defineProperties(AwaitDataDirective, {
  ɵfac: {
    get: () =>
      (awaitDataFactory ??= i0.ɵɵngDeclareFactory({
        minVersion: '12.0.0',
        version: '20.3.0',
        ngImport: i0,
        type: AwaitDataDirective,
        deps: [],
        target: i0.ɵɵFactoryTarget.Directive,
      } as FactoryDeclaration)),
  },
  ɵdir: {
    get: () =>
      (awaitDataDirective ??= i0.ɵɵngDeclareDirective({
        minVersion: '14.0.0',
        version: '20.3.0',
        type: AwaitDataDirective,
        isStandalone: true,
        selector: 'await-data',
        inputs: {
          promise: 'promise',
          query: 'query',
          args: 'args',
          cache: 'cache',
          renderer: 'renderer',
          fallbackDelay: 'fallbackDelay',
          fallbackMin: 'fallbackMin',
          queryTimeout: 'queryTimeout',
        },
        outputs: { pending: 'pending', fulfilled: 'fulfilled', rejected: 'rejected' },
        ngImport: i0,
      } as DirectiveDeclaration)),
  },
});

Object.defineProperties(PrefetchLinkDirective, {
  ɵfac: {
    get: () =>
      (prefetchLinkFactory ??= i0.ɵɵngDeclareFactory({
        minVersion: '12.0.0',
        version: '20.3.0',
        ngImport: i0,
        type: PrefetchLinkDirective,
        deps: [],
        target: i0.ɵɵFactoryTarget.Directive,
      } as FactoryDeclaration)),
  },
  ɵdir: {
    get: () =>
      (prefetchLinkDirective ??= i0.ɵɵngDeclareDirective({
        minVersion: '14.0.0',
        version: '20.3.0',
        type: PrefetchLinkDirective,
        isStandalone: true,
        selector: 'prefetch-link',
        inputs: { trigger: 'trigger', delay: 'delay', href: 'href', preload: 'preload' },
        outputs: { prefetchstart: 'prefetchstart', prefetchend: 'prefetchend', prefetcherror: 'prefetcherror' },
        ngImport: i0,
      } as DirectiveDeclaration)),
  },
});
