// The JSX cases React 19 and Preact share: compiled by tsc once under each framework's JSX
// (test/types/react/tsconfig.json and test/types/preact/tsconfig.json include this file), never run.
// The typing entry itself is imported by that framework's own file. Each `@ts-expect-error`
// marks a use that must not compile.
import { query, type PreloadContext } from '../../../src/index.js';

const product = query(async (id: string) => ({ id, name: `Product ${id}` }), 'product');

export const right = (
  <>
    <await-data
      promise={product('1')}
      onpending={(e) => e.type}
      onfulfilled={(e) => e.detail.value}
      onrejected={(e) => e.detail.error}
      fallback-delay={100}
      fallback-min="300"
      fallbackDelay={100}
      ref={(el) => void el?.retry()}
    >
      <p slot="fallback">Loading…</p>
    </await-data>
    <await-data query={product} args={['1']} renderer={(p: { name: string }) => p.name} />
    <await-data query="product" args='["1"]' onfulfilled={(e) => e.currentTarget.value} />
    <prefetch-link
      trigger="intent viewport"
      delay={0}
      href="/products/1"
      preload={({ params }: PreloadContext) => params}
      onprefetchstart={(e) => e.detail.href.toUpperCase()}
      onprefetchend={(e) => e.detail.intent}
      onprefetcherror={(e) => e.detail.error}
    >
      <a href="/products/1">Widget</a>
    </prefetch-link>
  </>
);

export const wrong = [
  // @ts-expect-error: fallback-delay is a number of ms
  <await-data fallback-delay={true} />,
  // @ts-expect-error: promise takes a promise
  <await-data promise={42} />,
  // @ts-expect-error: args is an array or its JSON
  <await-data args={42} />,
  // @ts-expect-error: no such event (a typo of fulfilled)
  <await-data onfullfilled={() => {}} />,
  // @ts-expect-error: fulfilled's detail has a value, not an href
  <await-data onfulfilled={(e) => e.detail.href} />,
  // @ts-expect-error: the value is unknown until the app says what it is
  <await-data onfulfilled={(e) => e.detail.value.name} />,
  // @ts-expect-error: a listener for another kind of event
  <await-data onrejected={(e: MouseEvent) => e.clientX} />,
  // @ts-expect-error: prefetchstart's detail has no error
  <prefetch-link onprefetchstart={(e) => e.detail.error} />,
  // @ts-expect-error: not a trigger
  <prefetch-link trigger="hovre" />,
  // @ts-expect-error: delay is a number of ms
  <prefetch-link delay="soon" />,
  // @ts-expect-error: prefetch-link has no promise
  <prefetch-link promise={product('1')} />,
];
