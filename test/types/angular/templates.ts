// Type test of `prefetch-elements/angular`: compiled by tsc (test/types/angular/tsconfig.json),
// never run. Each `@ts-expect-error` marks a binding that must not compile.
//
// Under `strictTemplates`, Angular's compiler (ngtsc, in @angular/compiler-cli, which is not
// installed here) turns each template into TypeScript, a "type-check block", and type-checks
// that. This file is those blocks, written by hand for the templates in the comments, against
// the directives' real types. For an element that a directive matches:
//   [input]="expr" or input="text", claimed by the directive    dir.input = expr;
//   (output)="handler", claimed by the directive                dir.output.subscribe(($event) => handler);
//   (event)="handler", claimed by no directive                  el.addEventListener('event', ($event) => handler);
//   [prop]="expr", claimed by no directive                      checked against Angular's DOM schema (NG8002)
// The last is no TypeScript: the browser tests show it with the just-in-time compiler (NG0303), and
// declarations.mjs checks that what ngtsc reads from the .d.ts (the `ɵdir` type arguments) names
// exactly these inputs and outputs.
import type { AwaitDataDirective, PrefetchLinkDirective } from '../../../src/frameworks/angular.js';
import { query, type AwaitDataEventMap, type PreloadContext } from '../../../src/index.js';

interface Product {
  name: string;
}

const product = query(async (id: string) => ({ id, name: `Product ${id}` }), 'product');
declare const awaitData: AwaitDataDirective;
declare const link: PrefetchLinkDirective;
const linkElement = document.createElement('prefetch-link');
let shown: Product | undefined;
const onFulfilled = (event: AwaitDataEventMap['fulfilled']) => (shown = event.detail.value as Product);

// <await-data [promise]="product('1')" (pending)="…" (fulfilled)="onFulfilled($event)" (rejected)="…" [fallbackDelay]="100">
awaitData.promise = product('1');
awaitData.pending.subscribe(($event) => $event.type);
awaitData.fulfilled.subscribe(($event) => onFulfilled($event));
awaitData.rejected.subscribe(($event) => $event.detail.error);
awaitData.fallbackDelay = 100;
// <await-data [query]="product" [args]="['1']" [renderer]="render" (fulfilled)="shown = $any($event.detail.value)">
awaitData.query = product;
awaitData.args = ['1'];
awaitData.renderer = (p: Product) => p.name;
awaitData.fulfilled.subscribe(($event) => (shown = $event.detail.value as Product));
// <await-data query="product" args='["1"]' [fallbackMin]="0" [queryTimeout]="10000">
awaitData.query = 'product';
awaitData.args = '["1"]';
awaitData.fallbackMin = 0;
awaitData.queryTimeout = 10_000;
// <prefetch-link trigger="intent viewport" delay="0" [delay]="100" href="/products/1" [preload]="preload"
//   (prefetchstart)="…" (prefetchend)="…" (prefetcherror)="…">
link.trigger = 'intent viewport';
link.delay = '0';
link.delay = 100;
link.href = '/products/1';
link.preload = ({ params }: PreloadContext) => params;
link.prefetchstart.subscribe(($event) => $event.detail.href.toUpperCase());
link.prefetchend.subscribe(($event) => $event.detail.intent);
link.prefetcherror.subscribe(($event) => $event.detail.error);
// <prefetch-link (click)="$event.preventDefault()">: the element's own events stay the DOM's
linkElement.addEventListener('click', ($event) => $event.button);

// <prefetch-link [delay]="'soon'">
// @ts-expect-error: delay is a number of ms
link.delay = 'soon';
// <await-data fallbackDelay="200"> (strictAttributeTypes: a static attribute that names an input sets it)
// @ts-expect-error: the input takes a number; the attribute form is fallback-delay="200"
awaitData.fallbackDelay = '200';
// <prefetch-link trigger="hovre">
// @ts-expect-error: not a trigger
link.trigger = 'hovre';
// <await-data [promise]="42">
// @ts-expect-error: promise takes a promise
awaitData.promise = 42;
// <await-data [args]="42">
// @ts-expect-error: args is an array or its JSON
awaitData.args = 42;
// <await-data [fallbackDelay]="'soon'">
// @ts-expect-error: fallbackDelay is a number of ms (the attribute form is fallback-delay="200")
awaitData.fallbackDelay = 'soon';
// <await-data (fulfilled)="started($event.detail.href)">
// @ts-expect-error: fulfilled's detail has a value, not an href
awaitData.fulfilled.subscribe(($event) => $event.detail.href);
// <await-data (fulfilled)="shown = $event.detail.value">
// @ts-expect-error: the value is unknown until the app says what it is ($any, or a cast in a handler)
awaitData.fulfilled.subscribe(($event) => (shown = $event.detail.value));
// <prefetch-link (prefetchstart)="$event.detail.error">
// @ts-expect-error: prefetchstart's detail has no error
link.prefetchstart.subscribe(($event) => $event.detail.error);
// <prefetch-link (prefetchstrat)="started($event.detail.href)">: no output claims the misspelt
// name, so Angular listens on the element, where it is a plain Event
// @ts-expect-error: a plain Event has no detail
linkElement.addEventListener('prefetchstrat', ($event) => $event.detail.href);
// <prefetch-link [promise]="product('1')">
// @ts-expect-error: prefetch-link has no promise input (NG8002 in ngtsc: nor a property in Angular's DOM schema)
link.promise = product('1');

export { shown };
