// Type test of `prefetch-elements/solid`: compiled by tsc (test/types/solid/tsconfig.json), never run.
// Each `@ts-expect-error` marks a use that must not compile.
import type {} from '../../../src/frameworks/solid.js';
import { query, type PreloadContext } from '../../../src/index.js';

const product = query(async (id: string) => ({ id, name: `Product ${id}` }), 'product');

export const right = (
  <>
    <await-data
      prop:promise={product('1')}
      on:pending={(e) => e.type}
      on:fulfilled={(e) => e.detail.value}
      on:rejected={{ handleEvent: (e) => e.detail.error, once: true }}
      attr:fallback-delay={100}
      fallback-min="300"
      ref={(el) => el.retry()}
      class="card"
    >
      <p slot="fallback">Loading…</p>
    </await-data>
    <await-data query={product} args={['1']} onfulfilled={(e) => e.currentTarget.value} />
    <await-data prop:query="product" prop:args='["1"]' prop:renderer={(p: { name: string }) => p.name} />
    <prefetch-link
      trigger="intent viewport"
      attr:delay={0}
      href="/products/1"
      prop:preload={({ params }: PreloadContext) => params}
      on:prefetchstart={(e) => e.detail.href.toUpperCase()}
      onprefetchend={(e) => e.detail.intent}
      on:prefetcherror={(e) => e.detail.error}
    >
      <a href="/products/1">Widget</a>
    </prefetch-link>
  </>
);

export const wrong = [
  // @ts-expect-error: fallback-delay is a number of ms
  <await-data attr:fallback-delay={true} />,
  // @ts-expect-error: promise takes a promise
  <await-data prop:promise={42} />,
  // @ts-expect-error: args is an array or its JSON
  <await-data prop:args={42} />,
  // @ts-expect-error: no such event (a typo of fulfilled)
  <await-data on:fullfilled={() => {}} />,
  // @ts-expect-error: fulfilled's detail has a value, not an href
  <await-data on:fulfilled={(e) => e.detail.href} />,
  // @ts-expect-error: the value is unknown until the app says what it is
  <await-data onfulfilled={(e) => e.detail.value.name} />,
  // @ts-expect-error: a listener for another kind of event
  <await-data on:rejected={(e: MouseEvent) => e.clientX} />,
  // @ts-expect-error: prefetchstart's detail has no error
  <prefetch-link on:prefetchstart={(e) => e.detail.error} />,
  // @ts-expect-error: not a trigger
  <prefetch-link trigger="hovre" />,
  // @ts-expect-error: delay is a number of ms
  <prefetch-link attr:delay="soon" />,
  // @ts-expect-error: prefetch-link has no promise
  <prefetch-link prop:promise={product('1')} />,
];
