// Solid, compiled by its own JSX compiler: `prop:` sets a property, `on:` adds a listener. The
// by-query element uses the plain forms, which Solid also sets as properties on a custom element.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import type {} from '../../../src/frameworks/solid.js';
import { describeEmbedding, productHref, type AppState, type Product } from '../embedding.js';

function App(props: { initial: AppState; expose: (set: (patch: Partial<AppState>) => void) => void }) {
  const [state, setState] = createSignal(props.initial);
  const [prefetched, setPrefetched] = createSignal('');
  const [value, setValue] = createSignal<Product>();
  const [error, setError] = createSignal('');
  const [queried, setQueried] = createSignal<Product>();
  props.expose((patch) => setState((s) => ({ ...s, ...patch })));
  return (
    <>
      <prefetch-link delay="0" on:prefetchstart={(e) => setPrefetched(e.detail.href)}>
        <a href={productHref(state().id)}>{state().label}</a>
      </prefetch-link>
      <output class="prefetched">{prefetched()}</output>
      <await-data
        class="by-promise"
        prop:promise={state().promise}
        on:fulfilled={(e) => setValue(e.detail.value as Product)}
        on:rejected={(e) => setError((e.detail.error as Error).message)}
      >
        <p slot="fallback">Loading…</p>
        <p slot="error" class="error">
          {state().label}: {error()}
        </p>
        <p class="value">
          {state().label}: {value()?.name}
        </p>
      </await-data>
      <await-data class="by-query" query={state().query} args={[state().id]} onfulfilled={(e) => setQueried(e.detail.value as Product)}>
        <p class="value">
          {state().label}: {queried()?.name}
        </p>
      </await-data>
    </>
  );
}

describeEmbedding('Solid', (container, initial) => {
  let update!: (patch: Partial<AppState>) => void;
  const dispose = render(() => <App initial={initial} expose={(set) => (update = set)} />, container);
  return { set: (patch) => update(patch), unmount: dispose };
});
