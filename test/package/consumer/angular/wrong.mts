// Wrong uses of `prefetch-elements/angular`, each on the line after a comment `<!-- expect CODE:
// why -->`. Copied into the scratch project as angular/wrong.ts; ngc under strictTemplates must
// report an error of that code on each marked line, and none elsewhere (test/package/angular.test.mjs).
import { Component } from '@angular/core';
import { query } from 'prefetch-elements';
import { PrefetchElements } from 'prefetch-elements/angular';

interface Product {
  name: string;
}

const product = query(async (id: string): Promise<Product> => ({ name: `Product ${id}` }), 'product');

@Component({
  selector: 'wrong-uses',
  imports: [PrefetchElements],
  template: `
    <!-- expect TS2322: delay is a number of ms -->
    <prefetch-link [delay]="'soon'"></prefetch-link>
    <!-- expect TS2820: not a trigger (TypeScript also asks "Did you mean hover?") -->
    <prefetch-link trigger="hovre"></prefetch-link>
    <!-- expect NG8002: prefetch-link has no promise input, nor a property of that name in Angular's DOM schema -->
    <prefetch-link [promise]="product('1')"></prefetch-link>
    <!-- expect TS2339: prefetchstart's detail has no error -->
    <prefetch-link (prefetchstart)="started($event.detail.error)"></prefetch-link>
    <!-- expect TS2339: no output claims the misspelt name, so $event is the element's plain Event -->
    <prefetch-link (prefetchstrat)="started($event.detail.href)"></prefetch-link>
    <!-- expect NG8002: a misspelt input -->
    <await-data [promis]="product('1')"></await-data>
    <!-- expect TS2322: promise takes a promise -->
    <await-data [promise]="42"></await-data>
    <!-- expect TS2322: args is an array or its JSON -->
    <await-data [args]="42"></await-data>
    <!-- expect TS2322: fallbackDelay is a number of ms (the attribute form is fallback-delay="200") -->
    <await-data [fallbackDelay]="'soon'"></await-data>
    <!-- expect TS2322: a static attribute that names an input sets it, as text -->
    <await-data fallbackDelay="200"></await-data>
    <!-- expect TS2339: fulfilled's detail has a value, not an href -->
    <await-data (fulfilled)="started($event.detail.href)"></await-data>
    <!-- expect TS2322: the value is unknown until the app says what it is ($any, or a typed handler) -->
    <await-data (fulfilled)="shown = $event.detail.value"></await-data>
  `,
})
export class WrongUses {
  readonly product = product;
  shown: Product | undefined;

  started(href: unknown): void {
    console.log(href);
  }
}
