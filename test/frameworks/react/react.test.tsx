// React 19 sets custom element properties itself and listens with `on` + the exact event name.
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type {} from '../../../src/frameworks/react.js';
import { describeEmbedding, productHref, type AppState, type Product } from '../embedding.js';

type Expose = (set: (patch: Partial<AppState>) => void) => void;

function App({ initial, expose }: { initial: AppState; expose: Expose }) {
  const [state, setState] = useState(initial);
  const [prefetched, setPrefetched] = useState('');
  const [value, setValue] = useState<Product>();
  const [error, setError] = useState('');
  const [queried, setQueried] = useState<Product>();
  expose((patch) => setState((s) => ({ ...s, ...patch })));
  const { label, id, promise, query } = state;
  return (
    <>
      <prefetch-link delay="0" onprefetchstart={(e) => setPrefetched(e.detail.href)}>
        <a href={productHref(id)}>{label}</a>
      </prefetch-link>
      <output className="prefetched">{prefetched}</output>
      <await-data
        className="by-promise"
        promise={promise}
        onfulfilled={(e) => setValue(e.detail.value as Product)}
        onrejected={(e) => setError((e.detail.error as Error).message)}
      >
        <p slot="fallback">Loading…</p>
        <p slot="error" className="error">
          {label}: {error}
        </p>
        <p className="value">
          {label}: {value?.name}
        </p>
      </await-data>
      <await-data
        className="by-query"
        query={query}
        args={[id]}
        onfulfilled={(e) => setQueried(e.detail.value as Product)}
      >
        <p className="value">
          {label}: {queried?.name}
        </p>
      </await-data>
    </>
  );
}

describeEmbedding('React 19', (container, initial) => {
  const root = createRoot(container);
  let update!: (patch: Partial<AppState>) => void;
  flushSync(() => root.render(<App initial={initial} expose={(set) => (update = set)} />));
  return {
    set: (patch) => flushSync(() => update(patch)),
    unmount: () => root.unmount(),
  };
});
