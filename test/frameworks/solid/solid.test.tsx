// Solid, compiled by its own JSX compiler: `prop:` sets a property, `on:` adds a listener. The
// by-query element uses the plain forms, which Solid also sets as properties on a custom element.
import { expect } from '@open-wc/testing';
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import type {} from '../../../src/frameworks/solid.js';
import type { PrefetchTriggerList } from '../../../src/frameworks/shared.js';
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
      <await-data
        class="by-query"
        query={state().query}
        args={[state().id]}
        onfulfilled={(e) => setQueried(e.detail.value as Product)}
      >
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

// Solid sets a dynamic prop of a custom element as a property (a static one stays an attribute):
// <prefetch-link>'s attributes are also properties, so `delay={…}`, `trigger={…}` and `href={…}` work
// without `attr:`.
describe('<prefetch-link> attributes set by Solid', () => {
  it('takes a dynamic delay, trigger and href, and follows their changes', () => {
    const container = document.body.appendChild(document.createElement('div'));
    const [delay, setDelay] = createSignal(0);
    const [trigger, setTrigger] = createSignal<PrefetchTriggerList>('hover');
    const [href, setHref] = createSignal<string | undefined>('/products/1');
    const dispose = render(
      () => (
        <prefetch-link delay={delay()} trigger={trigger()} href={href()}>
          <a href="/x">x</a>
        </prefetch-link>
      ),
      container,
    );
    const el = container.querySelector('prefetch-link')!;
    const attributes = () => ['delay', 'trigger', 'href'].map((name) => el.getAttribute(name));
    expect(attributes()).to.deep.equal(['0', 'hover', '/products/1']);
    setDelay(200);
    setTrigger('focus viewport');
    setHref('/products/2');
    expect(attributes()).to.deep.equal(['200', 'focus viewport', '/products/2']);
    expect([el.delay, el.trigger, el.href]).to.deep.equal([200, 'focus viewport', '/products/2']);
    setHref(undefined);
    expect(el.hasAttribute('href')).to.equal(false);
    dispose();
    container.remove();
  });
});
