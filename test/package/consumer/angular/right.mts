// Right uses of `prefetch-elements/angular`: every input and output of both directives, in each
// form a template may take (property bindings, static attributes that name an input, typed and
// `$any` handlers). Copied into the scratch project as angular/right.ts, where ngc must compile it
// with no error under strictTemplates, and main.ts runs it in browsers, compiled ahead of time.
import { Component, signal } from '@angular/core';
import { QueryCache, query, type AwaitDataEventMap, type PreloadContext } from 'prefetch-elements';
import { PrefetchElements } from 'prefetch-elements/angular';

export interface Product {
  id: string;
  name: string;
}

const cache = new QueryCache();
const product = query(async (id: string): Promise<Product> => ({ id, name: `Product ${id}` }), 'product', { cache });

@Component({
  selector: 'right-uses',
  imports: [PrefetchElements],
  template: `
    <prefetch-link
      class="by-attributes"
      trigger="hover focus"
      delay="0"
      href="/products/42"
      [preload]="preload"
      (prefetchstart)="started.set($event.detail.href)"
      (prefetchend)="ended.set($event.detail.intent)"
      (prefetcherror)="failed.set(describe($event.detail.error))"
      (click)="$event.preventDefault()"
    >
      <a href="/products/42">Product 42</a>
    </prefetch-link>
    <prefetch-link class="by-properties" [trigger]="'none'" [delay]="100" [href]="'/products/7'">
      <a href="/products/7">Product 7</a>
    </prefetch-link>
    <p class="preloaded">{{ preloaded() }} {{ started() }} {{ ended() }} {{ failed() }}</p>

    <await-data
      class="by-promise"
      [promise]="reviews"
      [fallbackDelay]="0"
      [fallbackMin]="0"
      (pending)="pending.set($event.type)"
      (fulfilled)="onReviews($event)"
      (rejected)="failed.set(describe($event.detail.error))"
    >
      <p slot="fallback">Loading…</p>
      <p class="reviews">{{ reviewCount() }} reviews</p>
    </await-data>
    <await-data
      class="by-query"
      [query]="product"
      [args]="['42']"
      [renderer]="render"
      [queryTimeout]="10000"
      (fulfilled)="shown.set($any($event.detail.value))"
    >
      <h1>{{ shown()?.name }}</h1>
    </await-data>
    <await-data class="by-name" query="product" args='["7"]' [cache]="cache">
      <p class="named" data-field="name"></p>
    </await-data>
  `,
})
export class RightUses {
  readonly product = product;
  readonly cache = cache;
  readonly reviews = Promise.resolve(['Sturdy', 'Light', 'Cheap']);
  readonly shown = signal<Product | undefined>(undefined);
  readonly reviewCount = signal(0);
  readonly pending = signal('');
  readonly preloaded = signal('');
  readonly started = signal('');
  readonly ended = signal('');
  readonly failed = signal('');

  readonly preload = ({ url }: PreloadContext): void => this.preloaded.set(`preloaded ${url.pathname}`);
  readonly render = (value: Product): string => `rendered ${value.name}`;

  onReviews(event: AwaitDataEventMap['fulfilled']): void {
    this.reviewCount.set((event.detail.value as string[]).length);
  }

  describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
}
