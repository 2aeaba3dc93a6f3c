// The catalogue in React 19: the same elements, the same cache, the same panel. React 19 sets
// a custom element's known properties as properties (`query={product}`, `args={...}`,
// `promise={...}`) and `on` + an event's exact name adds a listener (`onfulfilled`).
import '../src/index.js'; // defines <prefetch-link> and <await-data>
import { useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type {} from '../src/frameworks/react.js';
import type { Query } from '../src/index.js';
import {
  flakyProduct,
  noteRead,
  peekValue,
  product,
  productList,
  productPath,
  read,
  reviews,
  REVIEWS_LATENCY,
  registerCataloguePreloads,
  type Product,
  type ProductSummary,
  type Review,
} from './lib/catalogue.js';
import { mountPanel } from './lib/panel.js';
import { startRouter } from './lib/router.js';
import { measureNavigations } from './lib/timing.js';

const BASE = '/react';
registerCataloguePreloads(BASE);
measureNavigations();
mountPanel(document.querySelector<HTMLElement>('.layout') ?? document.body);

// The route as an external store: the router renders by publishing a new URL.
let route = new URL(location.href);
const routeListeners = new Set<() => void>();
const routeStore = {
  subscribe: (listener: () => void) => {
    routeListeners.add(listener);
    return () => routeListeners.delete(listener);
  },
  get: () => route,
};
const PAGES = /^\/react(?:\/(products|flaky)\/([^/]+))?\/?$/;
startRouter({
  render(url) {
    if (!PAGES.test(url.pathname)) return false;
    route = url;
    routeListeners.forEach((listener) => listener());
    return true;
  },
});

/**
 * A query's value in React state: the cached value at once, then each value `<await-data>`
 * announces. flushSync renders it in the same frame in which the element shows its content.
 */
function useQueryValue<A extends unknown[], T>(q: Query<A, T>, args: A) {
  const stableArgs = useMemo(() => args, [q.key(...args)]); // a new array would restart the element
  const [value, setValue] = useState(() => {
    noteRead(q, ...args);
    return peekValue(q, ...args);
  });
  const [error, setError] = useState('');
  const onfulfilled = (event: CustomEvent<{ value: unknown }>) => flushSync(() => setValue(event.detail.value as T));
  const onrejected = (event: CustomEvent<{ error: unknown }>) =>
    setError(String((event.detail.error as Error)?.message ?? event.detail.error));
  return { value, error, props: { query: q, args: stableArgs, onfulfilled, onrejected } };
}

function Home() {
  const list = useQueryValue(productList, []);
  return (
    <div className="home">
      <section className="intro">
        <h1>Catalogue in React 19</h1>
        <p>
          The same <code>&lt;prefetch-link&gt;</code> and <code>&lt;await-data&gt;</code>, rendered by React: the query
          object is passed as a property and the list is React state, set from the element's <code>fulfilled</code>{' '}
          event.
        </p>
      </section>
      <await-data {...list.props}>
        <p slot="fallback" className="grid-fallback">
          Loading the catalogue…
        </p>
        <p slot="error" className="error-box">
          Could not load the catalogue. <button data-retry>Try again</button>
        </p>
        <prefetch-link>
          <ul className="grid">
            {list.value?.map((item) => (
              <Card key={item.id} item={item} />
            ))}
          </ul>
        </prefetch-link>
      </await-data>
      <section className="aside-note">
        <h2>The error route</h2>
        <p>
          This product fails every other time; the retry works. <a href={`${BASE}/flaky/5`}>Open the flaky product</a>
        </p>
      </section>
    </div>
  );
}

function Card({ item }: { item: ProductSummary }) {
  return (
    <li>
      <a className="card" href={productPath(BASE, item.id)}>
        <span className="swatch" aria-hidden="true" style={{ '--hue': item.hue } as React.CSSProperties} />
        <strong>{item.name}</strong>
        <span className="card-price">
          {item.price.amount} {item.price.currency}
        </span>
      </a>
    </li>
  );
}

function ProductPart({ q, id }: { q: Query<[string], Product>; id: string }) {
  const { value, error, props } = useQueryValue(q, [id]);
  return (
    // fallback-min 0: the product shows the moment it arrives (see views.ts).
    <await-data className="product" fallback-min="0" {...props}>
      <div slot="fallback" className="product-fallback skeleton" aria-label="Loading the product">
        <div className="swatch big" />
        <div>
          <span className="bar w60" />
          <span className="bar w30" />
          <span className="bar w80" />
        </div>
      </div>
      <div slot="error" className="product-error error-box">
        <p>Could not load this product: {error}</p>
        <button data-retry>Try again</button>
      </div>
      {value && (
        <div className="product-body">
          <div className="swatch big" aria-hidden="true" style={{ '--hue': value.hue } as React.CSSProperties} />
          <div>
            <h1 className="product-name">{value.name}</h1>
            <p className="price">
              {value.price.amount} {value.price.currency}
            </p>
            <p>{value.description}</p>
            <p className="stock">In stock: {value.stock}</p>
          </div>
        </div>
      )}
    </await-data>
  );
}

function Reviews({ id }: { id: string }) {
  // The slow part through defer(): a Deferred as the element's `promise` property.
  const promise = useMemo(() => read(reviews, id), [id]);
  const [items, setItems] = useState<Review[] | undefined>(promise.status === 'fulfilled' ? promise.value : undefined);
  return (
    <section className="reviews">
      <h2>Reviews</h2>
      <await-data promise={promise} onfulfilled={(e) => flushSync(() => setItems(e.detail.value as Review[]))}>
        <p slot="fallback" className="reviews-fallback">
          Loading reviews… (the reviews API takes {REVIEWS_LATENCY / 1000} s)
        </p>
        <p slot="error" className="error-box">
          Could not load the reviews.
        </p>
        <ul className="review-list">
          {items?.map((review) => (
            <li key={review.author}>
              <span className="stars" aria-label={`${review.stars} of 5 stars`}>
                {'★'.repeat(review.stars) + '☆'.repeat(5 - review.stars)}
              </span>{' '}
              <strong>{review.author}</strong>
              <p>{review.text}</p>
            </li>
          ))}
        </ul>
      </await-data>
    </section>
  );
}

function Detail({ id, flaky }: { id: string; flaky: boolean }) {
  const n = Number(id);
  return (
    <div className="detail">
      <prefetch-link>
        <a className="back" href={BASE}>
          ← All products
        </a>
      </prefetch-link>
      {flaky && <p className="aside-note">The error route: this product fails every other time.</p>}
      <ProductPart q={flaky ? flakyProduct : product} id={id} />
      <Reviews id={id} />
      {!flaky && (
        <prefetch-link>
          <nav className="pager" aria-label="More products">
            <a href={productPath(BASE, String(((n + 10) % 12) + 1))}>← Previous product</a>
            <a href={productPath(BASE, String((n % 12) + 1))}>Next product →</a>
          </nav>
        </prefetch-link>
      )}
    </div>
  );
}

function App(): ReactNode {
  const url = useSyncExternalStore(routeStore.subscribe, routeStore.get);
  const [, kind, rawId] = url.pathname.match(PAGES) ?? [];
  if (!kind) return <Home />;
  const id = decodeURIComponent(rawId!);
  // Keyed: another product is a new component, with no state of the previous one.
  return <Detail key={url.pathname} id={id} flaky={kind === 'flaky'} />;
}

createRoot(document.querySelector('main')!).render(<App />);
