// Preact sets a prop as a property when the element has it, and listens with `on` + the exact
// (lowercase) event name.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import type {} from '../../../src/frameworks/preact.js';
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
      <output class="prefetched">{prefetched}</output>
      <await-data
        class="by-promise"
        promise={promise}
        onfulfilled={(e) => setValue(e.detail.value as Product)}
        onrejected={(e) => setError((e.detail.error as Error).message)}
      >
        <p slot="fallback">Loading…</p>
        <p slot="error" class="error">
          {label}: {error}
        </p>
        <p class="value">
          {label}: {value?.name}
        </p>
      </await-data>
      <await-data class="by-query" query={query} args={[id]} onfulfilled={(e) => setQueried(e.detail.value as Product)}>
        <p class="value">
          {label}: {queried?.name}
        </p>
      </await-data>
    </>
  );
}

describeEmbedding('Preact', (container, initial) => {
  let update!: (patch: Partial<AppState>) => void;
  act(() => render(<App initial={initial} expose={(set) => (update = set)} />, container));
  return {
    set: (patch) => act(() => update(patch)),
    unmount: () => act(() => render(null, container)),
  };
});
