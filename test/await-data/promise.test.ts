import { expect, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { defer } from '../../src/cache/index.js';
import { AwaitDataElement } from '../../src/await-data/index.js';
import { deferred, frame, isVisible, mount, shown } from './helpers.js';

afterEach(() => sinon.restore());

const withFallback = (promise: PromiseLike<unknown> | undefined) =>
  mount(
    html`<await-data fallback-delay="0" fallback-min="0" .promise=${promise}>
      <p slot="fallback">Loading…</p>
      <p slot="error">Failed</p>
      <h1 data-field="name"></h1>
    </await-data>`,
  );

describe('<await-data> with a pending promise', () => {
  it('shows the fallback, then the content with its fields filled', async () => {
    const d = deferred<{ name: string }>();
    const el = await withFallback(d.promise);
    expect(el.status).to.equal('pending');
    expect(el.getAttribute('status')).to.equal('pending');
    expect(el.getAttribute('aria-busy')).to.equal('true');
    expect(shown(el)).to.deep.equal(['fallback']);
    expect(isVisible(el.querySelector('[slot=fallback]'))).to.be.true;
    expect(isVisible(el.querySelector('h1'))).to.be.false;
    const fulfilled = oneEvent(el, 'fulfilled');
    d.resolve({ name: 'Widget' });
    expect((await fulfilled).detail).to.deep.equal({ value: { name: 'Widget' } });
    await el.updateComplete;
    expect(el.value).to.deep.equal({ name: 'Widget' });
    expect(el.getAttribute('status')).to.equal('fulfilled');
    expect(el.hasAttribute('aria-busy')).to.be.false;
    expect(shown(el)).to.deep.equal(['content']);
    expect(el.querySelector('h1')!.textContent).to.equal('Widget');
    expect(isVisible(el.querySelector('h1'))).to.be.true;
    expect(isVisible(el.querySelector('[slot=fallback]'))).to.be.false;
  });

  it('shows the error slot for a rejection with an Error', async () => {
    const d = deferred();
    const el = await withFallback(d.promise);
    const rejected = oneEvent(el, 'rejected');
    const error = new Error('HTTP 500');
    d.reject(error);
    expect((await rejected).detail.error).to.equal(error);
    await el.updateComplete;
    expect(el.error).to.equal(error);
    expect(el.getAttribute('status')).to.equal('rejected');
    expect(shown(el)).to.deep.equal(['error']);
    expect(isVisible(el.querySelector('[slot=error]'))).to.be.true;
  });

  it('shows the error slot for a rejection with a non-Error', async () => {
    const d = deferred();
    const el = await withFallback(d.promise);
    const rejected = oneEvent(el, 'rejected');
    d.reject('offline');
    expect((await rejected).detail.error).to.equal('offline');
    await el.updateComplete;
    expect(el.error).to.equal('offline');
    expect(shown(el)).to.deep.equal(['error']);
  });

  it('fires non-bubbling, non-composed events that an outer <await-data> does not hear', async () => {
    const d = deferred();
    const outer = await mount(
      html`<await-data .promise=${defer('outer')}>
        <await-data fallback-delay="0" .promise=${d.promise}></await-data>
      </await-data>`,
    );
    const inner = outer.querySelector('await-data')!;
    const heard = sinon.spy();
    outer.addEventListener('fulfilled', heard);
    const fulfilled = oneEvent(inner, 'fulfilled');
    d.resolve('inner');
    const event = await fulfilled;
    expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([false, false, false]);
    expect(event).to.be.instanceOf(CustomEvent);
    expect(heard).not.to.have.been.called;
  });

  it('fires pending when it starts waiting', async () => {
    const el = document.createElement('await-data');
    el.promise = deferred().promise;
    const pending = oneEvent(el, 'pending');
    document.body.append(el);
    expect((await pending).bubbles).to.be.false;
    el.remove();
  });

  it('ignores a promise replaced before it settles', async () => {
    const first = deferred();
    const second = deferred();
    const el = await withFallback(first.promise);
    el.promise = second.promise;
    await el.updateComplete;
    const fulfilled = sinon.spy();
    el.addEventListener('fulfilled', fulfilled);
    const settled = oneEvent(el, 'fulfilled');
    second.resolve({ name: 'second' });
    await settled;
    first.resolve({ name: 'first' });
    await first.promise;
    await el.updateComplete;
    expect(el.value).to.deep.equal({ name: 'second' });
    expect(el.querySelector('h1')!.textContent).to.equal('second');
    expect(fulfilled).to.have.been.calledOnce;
  });

  it('ignores the old promise settling after a new one, even one that rejected', async () => {
    const first = deferred();
    const el = await withFallback(first.promise);
    el.promise = defer({ name: 'now' });
    await el.updateComplete;
    first.reject(new Error('late'));
    await first.promise.catch(() => {});
    await el.updateComplete;
    expect(el.status).to.equal('fulfilled');
    expect(el.error).to.equal(undefined);
  });

  it('aborts the run and updates nothing when removed while pending', async () => {
    const d = deferred<{ name: string }>();
    const el = await withFallback(d.promise);
    const abort = sinon.spy(AbortController.prototype, 'abort');
    const events = sinon.spy();
    for (const type of ['pending', 'fulfilled', 'rejected']) el.addEventListener(type, events);
    el.remove();
    expect(abort).to.have.been.calledOnce;
    expect(abort.firstCall.thisValue.signal.aborted).to.be.true;
    d.resolve({ name: 'late' });
    await d.promise;
    await el.updateComplete;
    expect(events).not.to.have.been.called;
    expect(el.status).to.equal('pending');
    expect(el.getAttribute('status')).to.equal('pending');
    expect(el.value).to.equal(undefined);
    expect(el.querySelector('h1')!.textContent).to.equal('');
  });

  // Found by the leak suite (test/leaks/): every element that awaited a promise left a reaction
  // on it for good, so one that outlives them (a page's session, or one that never settles)
  // grew by a few hundred bytes per element mounted: 33 % of the heap after 10 000 mounts.
  it('leaves nothing on a promise that outlives it: one reaction, however many elements awaited it', async () => {
    const reactions: Array<(value: unknown) => void> = [];
    const session = {
      status: 'pending' as const,
      then(onFulfilled: (value: unknown) => void) {
        reactions.push(onFulfilled);
        return this;
      },
    };
    for (let i = 0; i < 50; i++) {
      const removed = await withFallback(session as unknown as PromiseLike<unknown>);
      removed.remove();
    }
    const el = await withFallback(session as unknown as PromiseLike<unknown>);
    expect(reactions).to.have.length(1);
    const fulfilled = oneEvent(el, 'fulfilled');
    reactions[0]!({ name: 'Ada' });
    expect((await fulfilled).detail.value).to.deep.equal({ name: 'Ada' });
  });

  it('shows a pending Deferred-shaped thenable that settles inside then(), or whose then() throws', async () => {
    const settlesAtOnce = {
      status: 'pending',
      then: (onFulfilled: (value: unknown) => void) => onFulfilled({ name: 'Now' }),
    };
    const fulfilled = await withFallback(settlesAtOnce as unknown as PromiseLike<unknown>);
    await fulfilled.updateComplete;
    expect(fulfilled.status).to.equal('fulfilled');
    expect(fulfilled.querySelector('h1')!.textContent).to.equal('Now');
    const broken = new Error('then() threw');
    const throws = {
      status: 'pending',
      then() {
        throw broken;
      },
    };
    const rejected = await withFallback(throws as unknown as PromiseLike<unknown>);
    await rejected.updateComplete;
    expect(rejected.status).to.equal('rejected');
    expect(rejected.error).to.equal(broken);
  });

  it('picks up where it was when moved while pending', async () => {
    const d = deferred<{ name: string }>();
    const el = await withFallback(d.promise);
    const other = document.createElement('section');
    el.parentNode!.append(other);
    other.append(el);
    const fulfilled = oneEvent(el, 'fulfilled');
    d.resolve({ name: 'moved' });
    await fulfilled;
    await el.updateComplete;
    expect(el.querySelector('h1')!.textContent).to.equal('moved');
  });

  it('does not go back to pending when moved after fulfilling with a plain promise', async () => {
    const el = document.createElement('await-data');
    el.promise = Promise.resolve({ name: 'plain' });
    const fulfilled = oneEvent(el, 'fulfilled');
    document.body.append(el);
    await fulfilled;
    const pending = sinon.spy();
    el.addEventListener('pending', pending);
    document.body.append(el);
    await el.updateComplete;
    expect(pending).not.to.have.been.called;
    expect(el.status).to.equal('fulfilled');
    el.remove();
  });
});

describe('<await-data> with a settled Deferred', () => {
  /** Inserts an element, recording every `status` value and whether the fallback was ever on screen. */
  async function insert(setUp: (el: AwaitDataElement) => void) {
    const el = document.createElement('await-data');
    el.setAttribute('fallback-delay', '0');
    el.innerHTML = '<p slot="fallback">Loading…</p><p slot="error">Failed</p><h1 data-field="name"></h1>';
    setUp(el);
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(el, { attributes: true, attributeFilter: ['status'], attributeOldValue: true });
    const fallback = el.querySelector('[slot=fallback]')!;
    let fallbackFrames = 0;
    // The shared stylesheet shows the fallback slot only in the element's `fallback` custom state:
    // note every time a state is set, even one that no frame painted.
    const statesSet: string[] = [];
    const addState = CustomStateSet.prototype.add;
    sinon.stub(CustomStateSet.prototype, 'add').callsFake(function (this: CustomStateSet, state: string) {
      statesSet.push(state);
      return addState.call(this, state);
    });
    document.body.append(el);
    for (let i = 0; i < 3; i++) {
      await frame();
      if (isVisible(fallback)) fallbackFrames++;
    }
    sinon.restore();
    records.push(...observer.takeRecords());
    const statuses = [...records.slice(1).map((r) => r.oldValue), el.getAttribute('status')];
    const fallbackUnhidden = statesSet.filter((state) => state === 'fallback').length;
    expect(statesSet).to.have.length.above(0);
    expect(shown(el)).not.to.include('fallback');
    return { el, statuses, fallbackFrames, fallbackUnhidden };
  }

  it('renders the value without a fallback frame', async () => {
    const { el, statuses, fallbackFrames, fallbackUnhidden } = await insert((el) => {
      el.promise = defer({ name: 'Ready' });
    });
    expect(statuses).to.deep.equal(['fulfilled']);
    expect(fallbackFrames).to.equal(0);
    expect(fallbackUnhidden).to.equal(0);
    expect(el.querySelector('h1')!.textContent).to.equal('Ready');
    expect(shown(el)).to.deep.equal(['content']);
    el.remove();
  });

  it('renders a Deferred that settled before insertion without a fallback frame', async () => {
    const source = deferred<{ name: string }>();
    const d = defer(source.promise);
    source.resolve({ name: 'Streamed' });
    await d;
    const { el, statuses, fallbackFrames } = await insert((el) => {
      el.promise = d;
    });
    expect(statuses).to.deep.equal(['fulfilled']);
    expect(fallbackFrames).to.equal(0);
    expect(el.querySelector('h1')!.textContent).to.equal('Streamed');
    el.remove();
  });

  it('renders a rejected Deferred as an error without a pending status', async () => {
    const d = defer(Promise.reject(new Error('gone')));
    await d.catch(() => {});
    const { el, statuses, fallbackFrames } = await insert((el) => {
      el.promise = d;
    });
    expect(statuses).to.deep.equal(['rejected']);
    expect(fallbackFrames).to.equal(0);
    expect((el.error as Error).message).to.equal('gone');
    expect(shown(el)).to.deep.equal(['error']);
    el.remove();
  });
});

describe('<await-data> fields and renderer', () => {
  it('fills data-field paths as text, empty for a missing path', async () => {
    const el = await mount(
      html`<await-data .promise=${defer({ price: { amount: 12.5 }, tags: ['a'] })}>
        <span data-field="price.amount"></span><span data-field="tags.0"></span><span data-field="nope.deeper"></span>
      </await-data>`,
    );
    expect([...el.querySelectorAll('span')].map((s) => s.textContent)).to.deep.equal(['12.5', 'a', '']);
  });

  it('fills the fields of children added after it fulfilled', async () => {
    const el = await mount(
      html`<await-data .promise=${defer({ name: 'Lamp' })}><p data-field="name"></p></await-data>`,
    );
    const added = document.createElement('b');
    added.dataset.field = 'name';
    el.append(added);
    await frame();
    expect(added.textContent).to.equal('Lamp');
    expect(isVisible(added)).to.be.true;
  });

  it('renders hostile data only as text', async () => {
    const hostile = '</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const el = await mount(
      html`<await-data .promise=${defer({ name: hostile })} .renderer=${(v: { name: string }) => v.name}>
        <p data-field="name"></p>
      </await-data>`,
    );
    await frame();
    expect(el.querySelector('p')!.textContent).to.equal(hostile);
    expect(el.querySelector('img, script')).to.equal(null);
    const part = el.shadowRoot!.querySelector('[part=rendered]')!;
    expect(part.textContent).to.equal(hostile);
    expect(part.querySelector('img, script')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('fills only its own fields, not those of a nested <await-data>', async () => {
    const inner = deferred<{ name: string }>();
    const outer = await mount(
      html`<await-data .promise=${defer({ name: 'outer' })}>
        <p data-field="name" id="o"></p>
        <await-data .promise=${inner.promise}><p data-field="name" id="i"></p></await-data>
      </await-data>`,
    );
    expect(outer.querySelector('#o')!.textContent).to.equal('outer');
    expect(outer.querySelector('#i')!.textContent).to.equal('');
    const fulfilled = oneEvent(outer.querySelector('await-data')!, 'fulfilled');
    inner.resolve({ name: 'inner' });
    await fulfilled;
    expect(outer.querySelector('#i')!.textContent).to.equal('inner');
    expect(outer.querySelector('#o')!.textContent).to.equal('outer');
  });

  it('renders a renderer’s template, node or string into the rendered part, before the content', async () => {
    const el = await mount(html`<await-data .promise=${defer({ name: 'Lamp' })}><p>light</p></await-data>`);
    const part = () => el.shadowRoot!.querySelector('[part=rendered]')!;
    expect(part()).to.equal(null); // no renderer, no container
    el.renderer = (v: { name: string }) => html`<b>${v.name}</b>`;
    await el.updateComplete;
    expect(part().querySelector('b')!.textContent).to.equal('Lamp');
    // On screen above the light-DOM content.
    expect(part().getBoundingClientRect().bottom).to.be.at.most(el.querySelector('p')!.getBoundingClientRect().top);
    el.renderer = (v: { name: string }) => Object.assign(document.createElement('i'), { textContent: v.name });
    await el.updateComplete;
    expect(part().querySelector('i')!.textContent).to.equal('Lamp');
    el.renderer = (v: { name: string }) => `<u>${v.name}</u>`;
    await el.updateComplete;
    expect(part().textContent).to.equal('<u>Lamp</u>');
    expect(part().querySelector('u')).to.equal(null);
  });

  it('renders each new value, and hides the output with the content', async () => {
    const d = deferred<{ name: string }>();
    const el = await mount(
      html`<await-data
        fallback-delay="0"
        fallback-min="0"
        .promise=${defer({ name: 'one' })}
        .renderer=${(v: { name: string }) => v.name}
        ><p slot="fallback">Loading…</p></await-data
      >`,
    );
    const part = () => el.shadowRoot!.querySelector<HTMLElement>('[part=rendered]')!;
    expect(part().textContent).to.equal('one');
    expect(isVisible(part())).to.be.true;
    el.promise = d.promise;
    await el.updateComplete;
    expect(isVisible(part())).to.be.false;
    d.resolve({ name: 'two' });
    await oneEvent(el, 'fulfilled');
    await el.updateComplete;
    expect(part().textContent).to.equal('two');
    expect(isVisible(part())).to.be.true;
  });

  it('never moves, clones or removes its light-DOM children', async () => {
    const d = deferred();
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" .promise=${d.promise}>
        <p slot="fallback">Loading…</p>
        <p slot="error">Failed</p>
        <div>Content</div>
      </await-data>`,
    );
    const children = [...el.childNodes];
    const observer = new MutationObserver(() => {});
    observer.observe(el, { childList: true });
    d.resolve(1);
    await oneEvent(el, 'fulfilled');
    await el.updateComplete;
    el.promise = Promise.reject(new Error('x'));
    await oneEvent(el, 'rejected');
    await el.updateComplete;
    expect(observer.takeRecords()).to.deep.equal([]);
    expect([...el.childNodes]).to.deep.equal(children);
  });
});

describe('<await-data> accessibility', () => {
  it('passes an axe check while pending, fulfilled and rejected', async () => {
    const d = deferred<{ name: string }>();
    const el = await withFallback(d.promise);
    // The fallback is announced politely, the error assertively; both regions are always there.
    expect(el.shadowRoot!.querySelector('slot[name=fallback]')!.closest('[role=status]')).to.exist;
    expect(el.shadowRoot!.querySelector('slot[name=error]')!.closest('[role=alert]')).to.exist;
    expect(el.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    d.resolve({ name: 'Widget' });
    await oneEvent(el, 'fulfilled');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.promise = defer(Promise.reject(new Error('x')));
    await oneEvent(el, 'rejected');
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['error']);
    expect(isVisible(el.querySelector('[slot=error]'))).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('is an element class that can be registered under another name', () => {
    expect(customElements.get('await-data')).to.equal(AwaitDataElement);
  });
});
