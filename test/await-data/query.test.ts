import { expect, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { defaultCache, defer, query } from '../../src/cache/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { controlledQuery, fakeTimers, frame, isVisible, mount, shown } from './helpers.js';

afterEach(() => sinon.restore());

type Product = { name: string };

describe('<await-data> with a query', () => {
  it('fetches by name in its cache, with JSON args, and fills the fields', async () => {
    const { name, cache, fetches } = controlledQuery<Product>();
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" query=${name} args='["42", {"full": true}]' .cache=${cache}>
        <p slot="fallback">Loading…</p>
        <h1 data-field="name"></h1>
      </await-data>`,
    );
    expect(fetches.map((f) => f.args)).to.deep.equal([['42', { full: true }]]);
    expect(shown(el)).to.deep.equal(['fallback']);
    const fulfilled = oneEvent(el, 'fulfilled');
    fetches[0]!.resolve({ name: 'Widget' });
    expect((await fulfilled).detail.value).to.deep.equal({ name: 'Widget' });
    await el.updateComplete;
    expect(el.querySelector('h1')!.textContent).to.equal('Widget');
    expect(shown(el)).to.deep.equal(['content']);
  });

  it('looks a name up in the default cache, and takes one JSON value as the only argument', async () => {
    const name = `default-${Math.random()}`;
    const q = query(async (id: string) => ({ name: `#${id}` }), name);
    q.prefetch(['7']);
    await q('7');
    const el = await mount(html`<await-data query=${name} args='"7"'><b data-field="name"></b></await-data>`);
    expect(el.querySelector('b')!.textContent).to.equal('#7');
    expect(defaultCache.get(name)).to.equal(q);
  });

  it('takes a Query object and an args array as properties', async () => {
    const { q, fetches } = controlledQuery<Product>();
    const el = await mount(html`<await-data .query=${q} .args=${['a', 1]}><b data-field="name"></b></await-data>`);
    fetches[0]!.resolve({ name: 'A1' });
    await oneEvent(el, 'fulfilled');
    expect(fetches[0]!.args).to.deep.equal(['a', 1]);
    expect(el.querySelector('b')!.textContent).to.equal('A1');
  });

  it('renders a fulfilled cache entry without a fallback frame', async () => {
    const { q, cache, name, fetches } = controlledQuery<Product>();
    q.prefetch(['1']);
    fetches[0]!.resolve({ name: 'Cached' });
    await q('1');
    const el = document.createElement('await-data');
    el.setAttribute('fallback-delay', '0');
    el.setAttribute('query', name);
    el.setAttribute('args', '["1"]');
    el.cache = cache;
    el.innerHTML = '<p slot="fallback">Loading…</p><h1 data-field="name"></h1>';
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(el, { attributes: true, attributeFilter: ['status'], attributeOldValue: true });
    let fallbackFrames = 0;
    document.body.append(el);
    for (let i = 0; i < 3; i++) {
      await frame();
      if (isVisible(el.querySelector('[slot=fallback]'))) fallbackFrames++;
    }
    records.push(...observer.takeRecords());
    expect([...records.slice(1).map((r) => r.oldValue), el.getAttribute('status')]).to.deep.equal(['fulfilled']);
    expect(fallbackFrames).to.equal(0);
    expect(el.querySelector('h1')!.textContent).to.equal('Cached');
    expect(fetches).to.have.length(1); // fresh: no second request
    el.remove();
  });

  it('shows a stale value at once while it refetches, marked refreshing', async () => {
    const { q, fetches } = controlledQuery<Product>({ staleTime: 0 });
    q.prefetch(['1']);
    fetches[0]!.resolve({ name: 'Old' });
    await q('1').catch(() => {});
    const el = await mount(html`<await-data .query=${q} .args=${['1']}><h1 data-field="name"></h1></await-data>`);
    expect(fetches).to.have.length(2);
    expect(el.status).to.equal('fulfilled');
    expect(el.hasAttribute('refreshing')).to.be.true;
    expect(el.querySelector('h1')!.textContent).to.equal('Old');
    fetches[1]!.resolve({ name: 'New' });
    await oneEvent(el, 'fulfilled');
    await el.updateComplete;
    expect(el.hasAttribute('refreshing')).to.be.false;
    expect(el.querySelector('h1')!.textContent).to.equal('New');
  });

  it('refetches after invalidate() and keeps the old content on screen until the new value', async () => {
    const { q, fetches } = controlledQuery<Product>();
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" .query=${q} .args=${['1']}>
        <p slot="fallback">Loading…</p>
        <h1 data-field="name"></h1>
      </await-data>`,
    );
    fetches[0]!.resolve({ name: 'v1' });
    await oneEvent(el, 'fulfilled');
    const events = sinon.spy();
    el.addEventListener('pending', events);
    q.invalidate('1');
    await el.updateComplete;
    expect(fetches).to.have.length(2);
    expect(el.hasAttribute('refreshing')).to.be.true;
    expect(el.getAttribute('refreshing')).to.equal('');
    expect(el.getAttribute('status')).to.equal('fulfilled');
    expect(shown(el)).to.deep.equal(['content']);
    expect(el.querySelector('h1')!.textContent).to.equal('v1');
    const fulfilled = oneEvent(el, 'fulfilled');
    fetches[1]!.resolve({ name: 'v2' });
    expect((await fulfilled).detail.value).to.deep.equal({ name: 'v2' });
    await el.updateComplete;
    expect(el.querySelector('h1')!.textContent).to.equal('v2');
    expect(el.hasAttribute('refreshing')).to.be.false;
    expect(events).not.to.have.been.called;
  });

  it('unsubscribes when removed, so the entry can be collected', async () => {
    const clock = fakeTimers();
    try {
      const { q, fetches, active } = controlledQuery<Product>({ gcTime: 1_000 });
      const el = await mount(html`<await-data .query=${q} .args=${['1']}></await-data>`);
      expect(active()).to.equal(1);
      fetches[0]!.resolve({ name: 'x' });
      await oneEvent(el, 'fulfilled');
      clock.tick(5_000);
      expect(q.peek('1')).to.exist; // subscribed: never collected
      el.remove();
      expect(active()).to.equal(0);
      clock.tick(1_000);
      expect(q.peek('1')).to.equal(undefined);
    } finally {
      clock.restore();
    }
  });

  it('aborts its run and lets go of the entry when removed while the fetch is pending', async () => {
    const { q, fetches, active } = controlledQuery<Product>({ gcTime: 0 });
    const el = await mount(html`<await-data .query=${q} .args=${['1']}><h1 data-field="name"></h1></await-data>`);
    const abort = sinon.spy(AbortController.prototype, 'abort');
    const events = sinon.spy();
    el.addEventListener('fulfilled', events);
    el.remove();
    expect(active()).to.equal(0);
    expect(abort.firstCall.thisValue.signal.aborted).to.be.true;
    fetches[0]!.resolve({ name: 'late' });
    await q('1');
    await el.updateComplete;
    expect(events).not.to.have.been.called;
    expect(el.querySelector('h1')!.textContent).to.equal('');
  });

  it('keeps exactly one subscription and one fetch when moved in the DOM', async () => {
    const { q, fetches, active } = controlledQuery<Product>();
    const el = await mount(html`<await-data .query=${q} .args=${['1']}><h1 data-field="name"></h1></await-data>`);
    const other = document.createElement('section');
    el.parentNode!.append(other);
    other.append(el);
    other.prepend(el);
    expect(active()).to.equal(1);
    fetches[0]!.resolve({ name: 'moved' });
    await oneEvent(el, 'fulfilled');
    expect(fetches).to.have.length(1);
    expect(el.querySelector('h1')!.textContent).to.equal('moved');
    q.invalidate('1');
    expect(fetches).to.have.length(2); // still subscribed: the invalidation refetches
  });

  it('switches to new args: the old entry is left and the new one shown', async () => {
    const { q, fetches, active } = controlledQuery<Product>();
    const el = await mount(html`<await-data .query=${q} .args=${['1']}><h1 data-field="name"></h1></await-data>`);
    el.args = ['2'];
    await el.updateComplete;
    expect(active()).to.equal(1);
    fetches[0]!.resolve({ name: 'one' });
    fetches[1]!.resolve({ name: 'two' });
    await oneEvent(el, 'fulfilled');
    await q('1');
    expect(el.querySelector('h1')!.textContent).to.equal('two');
  });
});

describe('<await-data> latest input wins', () => {
  it('uses a promise set after a query, and a query set after a promise', async () => {
    const { q, fetches } = controlledQuery<Product>();
    fetches; // the query's fetch is never settled here
    const el = await mount(html`<await-data .query=${q} .args=${['1']}><h1 data-field="name"></h1></await-data>`);
    el.promise = defer({ name: 'from promise' });
    await el.updateComplete;
    expect(el.querySelector('h1')!.textContent).to.equal('from promise');
    const { q: other, fetches: otherFetches } = controlledQuery<Product>();
    el.query = other;
    await el.updateComplete;
    expect(el.status).to.equal('pending');
    otherFetches[0]!.resolve({ name: 'from query' });
    await oneEvent(el, 'fulfilled');
    expect(el.querySelector('h1')!.textContent).to.equal('from query');
  });
});

describe('<await-data> retry', () => {
  const failing = async () => {
    const { q, fetches } = controlledQuery<Product>();
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" .query=${q} .args=${['1']}>
        <p slot="error">Could not load. <button data-retry>Try again</button></p>
        <h1 data-field="name"></h1>
      </await-data>`,
    );
    fetches[0]!.reject(new Error('HTTP 503'));
    await oneEvent(el, 'rejected');
    await el.updateComplete;
    return { el, fetches };
  };

  it('fetches again on a click on a [data-retry] element in the error slot', async () => {
    const { el, fetches } = await failing();
    expect(shown(el)).to.deep.equal(['error']);
    const pending = oneEvent(el, 'pending');
    el.querySelector('button')!.click();
    await pending;
    expect(fetches).to.have.length(2);
    fetches[1]!.resolve({ name: 'Back' });
    await oneEvent(el, 'fulfilled');
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['content']);
    expect(el.querySelector('h1')!.textContent).to.equal('Back');
    expect(el.error).to.equal(undefined);
  });

  it('fetches again on retry()', async () => {
    const { el, fetches } = await failing();
    el.retry();
    expect(fetches).to.have.length(2);
    expect(el.status).to.equal('pending');
  });

  it('ignores clicks outside the error slot', async () => {
    const { el, fetches } = await failing();
    const stray = document.createElement('button');
    stray.setAttribute('data-retry', '');
    el.append(stray);
    stray.click();
    expect(fetches).to.have.length(1);
  });
});

describe('<await-data> with bad input', () => {
  beforeEach(() => sinon.stub(console, 'error'));

  const rejection = async (el: AwaitDataElement) => {
    await el.updateComplete;
    expect(el.status).to.equal('rejected');
    expect(el.getAttribute('status')).to.equal('rejected');
    return (el.error as Error).message;
  };

  it('rejects with an error naming malformed args JSON', async () => {
    const { name, cache, fetches } = controlledQuery();
    const el = await mount(html`<await-data query=${name} args='["42"' .cache=${cache}></await-data>`);
    expect(await rejection(el)).to.match(/^<await-data>: args is not valid JSON: /);
    expect(fetches).to.have.length(0);
  });

  it('rejects with an error naming an unknown query once its grace period has passed', async () => {
    if (document.readyState !== 'complete') await new Promise((done) => addEventListener('load', done, { once: true }));
    const clock = fakeTimers();
    try {
      const el = await mount(html`<await-data query="prodcut" args='["1"]'></await-data>`);
      clock.tick(5_000);
      expect(await rejection(el)).to.equal('<await-data>: no query named "prodcut" is registered');
    } finally {
      clock.restore();
    }
  });

  it('rejects with an error naming args that are not JSON-like', async () => {
    const { q, fetches } = controlledQuery();
    const el = await mount(html`<await-data .query=${q} .args=${[new Map()]}></await-data>`);
    expect(await rejection(el)).to.match(/args\[0\] is a Map, which is not JSON-like/);
    expect(fetches).to.have.length(0);
  });

  it('recovers when the input is fixed', async () => {
    const { name, cache, fetches } = controlledQuery<Product>();
    const el = await mount(
      html`<await-data query=${name} args="{" .cache=${cache}><b data-field="name"></b></await-data>`,
    );
    await rejection(el);
    el.setAttribute('args', '["1"]');
    await el.updateComplete;
    fetches[0]!.resolve({ name: 'fixed' });
    await oneEvent(el, 'fulfilled');
    expect(el.querySelector('b')!.textContent).to.equal('fixed');
  });
});
