// The hydration tests' app in React 19 (see ../hydration.ts). React 19 hydrates a custom element
// without setting its properties or adding its `on…` listeners (facebook/react#35446): what the
// element needs before a re-render is rendered as attributes (the query's name, the args as JSON),
// the value is read from the cache with useSyncExternalStore, and the promise, which only the
// browser has, is set in a ref callback, which React does run when it hydrates.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { AwaitDataElement } from '../../../src/await-data/index.js';
import type {} from '../../../src/frameworks/react.js';
import { serverProductHref, serverProducts, type ServerAppProps } from '../server-app.js';
import '../../../src/index.js';

export function ServerApp({ id, reviews, onHydrated }: ServerAppProps) {
  const product = useSyncExternalStore(
    (changed) => serverProducts.subscribe([id], changed),
    () => serverProducts.peek(id)?.value,
    () => undefined, // what the server rendered: hydration starts from the same
  );
  const [reviewText, setReviewText] = useState('');
  useEffect(() => onHydrated?.(), [onHydrated]);

  const setReviews = (el: AwaitDataElement | null) => {
    if (!el) return;
    el.promise = reviews;
    const show = () => setReviewText(String(el.value));
    el.addEventListener('fulfilled', show);
    return () => el.removeEventListener('fulfilled', show);
  };

  // suppressHydrationWarning: an <await-data> that upgraded before hydration has set its own
  // `status` and `aria-busy`, which React's development build would report as extra attributes.
  return (
    <>
      <prefetch-link delay="0">
        <a href={serverProductHref(id)}>Product {id}</a>
      </prefetch-link>
      <await-data className="by-name" query="server-product" args={JSON.stringify([id])} suppressHydrationWarning>
        <p slot="fallback">Loading…</p>
        <p className="value">{product?.name}</p>
      </await-data>
      <await-data className="by-promise" ref={setReviews} suppressHydrationWarning>
        <p slot="fallback">Loading reviews…</p>
        <p className="value">{reviewText}</p>
      </await-data>
    </>
  );
}
