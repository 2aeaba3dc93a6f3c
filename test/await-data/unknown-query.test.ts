import { expect, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { QueryCache, query } from '../../src/cache/index.js';
import { controlledFetcher } from '../helpers/deferred.js';
import { frames } from '../helpers/frames.js';
import { fakeTimers, loadPage, mount, shown, type Page } from './helpers.js';

type Product = { name: string };

// The page's own scripts and the library, as two module scripts, in either order.
const LIBRARY = '<script type="module" src="/src/await-data/index.ts"></script>';
const APP = `<script type="module">
  import { query } from '/src/cache/index.ts';
  query(async (id) => ({ name: 'Product ' + id }), 'product');
</script>`;
const ELEMENT = `<await-data query="product" args='["42"]'>
  <p slot="fallback">Loading…</p>
  <p slot="error">Could not load.</p>
  <h1 data-field="name"></h1>
</await-data>`;
// Non-bubbling events still pass a capturing listener on the window.
const RECORD_EVENTS = `<script>
  window.heard = [];
  for (const type of ['pending', 'fulfilled', 'rejected']) addEventListener(type, (e) => heard.push(type), true);
</script>`;

describe('<await-data> with a query name that is registered later', () => {
  let page: Page | undefined;
  afterEach(() => page?.frame.remove());

  const productShown = async (loaded: Page) => {
    const el = loaded.document.querySelector('await-data')!;
    await frames(() => el.status === 'fulfilled');
    expect(el.querySelector('h1')!.textContent).to.equal('Product 42');
    expect((loaded.window as unknown as { heard: string[] }).heard).not.to.include('rejected');
  };

  it('waits for a query that the page’s script registers after the library has loaded', async () => {
    page = await loadPage(`${RECORD_EVENTS}${LIBRARY}${APP}${ELEMENT}`);
    await productShown(page);
  });

  it('finds a query that the page’s script registered before the library loaded', async () => {
    page = await loadPage(`${RECORD_EVENTS}${APP}${LIBRARY}${ELEMENT}`);
    await productShown(page);
  });

  it('stays pending with its fallback until a query registered after an await, then shows it', async () => {
    const name = `later-${Math.random()}`;
    const cache = new QueryCache();
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" query=${name} args='["7"]' .cache=${cache}>
        <p slot="fallback">Loading…</p>
        <p slot="error">Could not load.</p>
        <h1 data-field="name"></h1>
      </await-data>`,
    );
    const rejected = sinon.spy();
    el.addEventListener('rejected', rejected);
    expect(el.status).to.equal('pending');
    expect(el.getAttribute('aria-busy')).to.equal('true');
    expect(shown(el)).to.deep.equal(['fallback']);
    await new Promise(requestAnimationFrame); // the app's module is still loading
    const { fetcher, calls } = controlledFetcher<Product>();
    query(fetcher, name, { cache });
    await el.updateComplete;
    await frames(() => calls.length > 0);
    expect(calls[0]!.args).to.deep.equal(['7']);
    const fulfilled = oneEvent(el, 'fulfilled');
    calls[0]!.resolve({ name: 'Seven' });
    await fulfilled;
    expect(el.querySelector('h1')!.textContent).to.equal('Seven');
    expect(shown(el)).to.deep.equal(['content']);
    expect(rejected).not.to.have.been.called;
  });
});

describe('<await-data> with a query name that is never registered', () => {
  // The grace period counts from the page's load.
  before(() => {
    if (document.readyState === 'complete') return undefined;
    return new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  });

  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = fakeTimers();
    sinon.stub(console, 'error');
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
  });

  it('rejects with an error naming the query 5 s after the page loaded, so a typo is reported', async () => {
    const el = await mount(
      html`<await-data query="prodcut" args='["1"]'>
        <p slot="fallback">Loading…</p>
        <p slot="error">Could not load.</p>
      </await-data>`,
    );
    expect(el.status).to.equal('pending');
    clock.tick(4_999);
    await el.updateComplete;
    expect(el.status).to.equal('pending');
    const rejected = oneEvent(el, 'rejected');
    clock.tick(1);
    const error = (await rejected).detail.error as Error;
    expect(error.message).to.equal('<await-data>: no query named "prodcut" is registered');
    expect(el.error).to.equal(error);
    expect(el.getAttribute('status')).to.equal('rejected');
    expect(shown(el)).to.deep.equal(['error']);
  });

  it('takes the grace period from query-timeout; an invalid one means the default', async () => {
    const el = await mount(html`<await-data query="prodcut" query-timeout="1000"></await-data>`);
    expect(el.queryTimeout).to.equal(1000);
    clock.tick(1_000);
    await el.updateComplete;
    expect(el.status).to.equal('rejected');
    el.setAttribute('query-timeout', 'soon');
    el.setAttribute('query', 'prodcutt');
    await el.updateComplete;
    expect(el.queryTimeout).to.equal(5_000);
    clock.tick(4_999);
    expect(el.status).to.equal('pending');
    clock.tick(1);
    expect(el.status).to.equal('rejected');
  });

  it('lets go of its timer when removed, and reports nothing afterwards', async () => {
    const el = await mount(html`<div><await-data query="prodcut"></await-data></div>`);
    const inner = el.querySelector('await-data')!;
    const rejected = sinon.spy();
    inner.addEventListener('rejected', rejected);
    inner.remove();
    expect(clock.countTimers()).to.equal(0);
    clock.tick(10_000);
    expect(rejected).not.to.have.been.called;
  });
});
