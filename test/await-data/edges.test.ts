import { expect, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { defer } from '../../src/cache/index.js';
import { AwaitDataElement } from '../../src/await-data/index.js';
import { nextTask } from '../helpers/deferred.js';
import { controlledQuery, deferred, fakeTimers, mount, shown } from './helpers.js';

afterEach(() => sinon.restore());

describe('<await-data> with a plain object that has a status field', () => {
  it('shows the object at once as a value, whatever its status says', async () => {
    for (const order of [{ id: 7, status: 'shipped' }, { status: 'pending' }, { status: 'rejected', reason: 'x' }]) {
      const el = document.createElement('await-data');
      el.innerHTML = '<b data-field="status"></b>';
      el.promise = order as unknown as PromiseLike<unknown>;
      const fulfilled = oneEvent(el, 'fulfilled');
      document.body.append(el);
      expect((await fulfilled).detail.value).to.equal(order);
      expect(el.status).to.equal('fulfilled');
      expect(el.getAttribute('status')).to.equal('fulfilled');
      expect(el.value).to.equal(order);
      expect(el.querySelector('b')!.textContent).to.equal(order.status);
      expect(shown(el)).to.deep.equal(['content']);
      el.remove();
    }
  });
});

describe('<await-data> timing attributes', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = fakeTimers()));
  afterEach(() => clock.restore());

  const pending = (attributes: Record<string, string>) => {
    const el = document.createElement('await-data');
    el.innerHTML = `<p slot="fallback">Loading…</p><h1>Content</h1>`;
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    el.promise = deferred().promise;
    document.body.append(el);
    return el;
  };

  for (const value of ['', 'abc', '-50', 'Infinity', ' ']) {
    it(`reads fallback-delay="${value}" and fallback-min="${value}" as the defaults`, async () => {
      const el = pending({ 'fallback-delay': value, 'fallback-min': value });
      await el.updateComplete;
      expect([el.fallbackDelay, el.fallbackMin]).to.deep.equal([100, 300]);
      expect(shown(el)).to.deep.equal([]);
      clock.tick(99);
      expect(shown(el)).to.deep.equal([]);
      clock.tick(1);
      expect(shown(el)).to.deep.equal(['fallback']);
      el.promise = defer('done');
      await el.updateComplete;
      clock.tick(299);
      expect(shown(el)).to.deep.equal(['fallback']);
      clock.tick(1);
      expect(shown(el)).to.deep.equal(['content']);
      el.remove();
    });
  }

  it('goes back to the defaults when the attributes are removed', async () => {
    const el = pending({ 'fallback-delay': '0', 'fallback-min': '0' });
    await el.updateComplete;
    expect([el.fallbackDelay, el.fallbackMin]).to.deep.equal([0, 0]);
    el.removeAttribute('fallback-delay');
    el.removeAttribute('fallback-min');
    expect([el.fallbackDelay, el.fallbackMin]).to.deep.equal([100, 300]);
    el.promise = deferred().promise;
    await el.updateComplete;
    el.remove();
  });

  it('uses the defaults for invalid property values too', async () => {
    const el = await mount(
      html`<await-data .promise=${defer('old')}
        ><p slot="fallback">Loading…</p>
        <p>old</p></await-data
      >`,
    );
    el.fallbackDelay = Number.NaN;
    el.fallbackMin = -1;
    el.promise = deferred().promise;
    await el.updateComplete;
    clock.tick(99);
    expect(shown(el)).to.deep.equal(['content']); // the old content stays during the delay
    clock.tick(1);
    expect(shown(el)).to.deep.equal(['fallback']);
    el.promise = defer('new');
    await el.updateComplete;
    clock.tick(299);
    expect(shown(el)).to.deep.equal(['fallback']);
    clock.tick(1);
    expect(shown(el)).to.deep.equal(['content']);
  });
});

describe('<await-data> with no input', () => {
  const expectIdle = (el: AwaitDataElement) => {
    expect(el.status).to.equal(undefined);
    expect(el.hasAttribute('status')).to.be.false;
    expect(el.hasAttribute('aria-busy')).to.be.false;
    expect(shown(el)).not.to.include('fallback');
  };

  it('is idle: no status, no fallback, not busy, and fires nothing', async () => {
    const clock = fakeTimers();
    try {
      const el = document.createElement('await-data');
      el.innerHTML = '<p slot="fallback">Loading…</p><p>Always here</p>';
      const events = sinon.spy();
      for (const type of ['pending', 'fulfilled', 'rejected']) el.addEventListener(type, events);
      document.body.append(el);
      await el.updateComplete;
      clock.tick(1_000);
      expectIdle(el);
      expect(shown(el)).to.deep.equal(['content']);
      expect(events).not.to.have.been.called;
      el.remove();
    } finally {
      clock.restore();
    }
  });

  it('reads an empty query name as no input', async () => {
    const el = await mount(html`<await-data query="" fallback-delay="0"><p slot="fallback">Loading…</p></await-data>`);
    expectIdle(el);
  });

  it('becomes idle when its query attribute is removed', async () => {
    const { name, cache } = controlledQuery();
    const el = await mount(
      html`<await-data query=${name} .cache=${cache} fallback-delay="0" fallback-min="0"
        ><p slot="fallback">Loading…</p></await-data
      >`,
    );
    expect(el.status).to.equal('pending');
    el.removeAttribute('query');
    await el.updateComplete;
    expectIdle(el);
  });

  it('becomes idle when its promise is taken away', async () => {
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" .promise=${deferred().promise}
        ><p slot="fallback">Loading…</p></await-data
      >`,
    );
    el.promise = undefined;
    await el.updateComplete;
    expectIdle(el);
  });
});

describe('<await-data> data-field paths', () => {
  it('reads own properties and array indices only; anything else is empty text', async () => {
    const value = { price: 12.5, tags: ['a', 'b'], name: 'Lamp', nested: { deep: 1 } };
    const el = await mount(
      html`<await-data .promise=${defer(value)}>
        <i data-field="tags.1"></i><i data-field="tags.length"></i><i data-field="nested.deep"></i>
        <i data-field="price.toFixed"></i><i data-field="constructor.name"></i><i data-field="__proto__"></i>
        <i data-field="name.toUpperCase"></i><i data-field="tags.map"></i><i data-field="hasOwnProperty"></i>
      </await-data>`,
    );
    expect([...el.querySelectorAll('i')].map((i) => i.textContent)).to.deep.equal(
      ['b', '2', '1'].concat(['', '', '', '', '', '']),
    );
  });

  it('reads nothing from the prototype of a number either', async () => {
    const el = await mount(html`<await-data .promise=${defer(5)}><i data-field="toFixed"></i></await-data>`);
    expect(el.querySelector('i')!.textContent).to.equal('');
  });
});

describe('<await-data> with a renderer that throws', () => {
  it('shows the error as its own: the error slot, rejected, and updateComplete still resolves', async () => {
    sinon.stub(console, 'error');
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" .promise=${deferred().promise}>
        <p slot="error">Could not show this.</p>
        <p>content</p>
      </await-data>`,
    );
    const failure = new Error('bad template');
    el.renderer = () => {
      throw failure;
    };
    await el.updateComplete;
    const rejected = oneEvent(el, 'rejected');
    el.promise = defer({ name: 'x' });
    expect((await rejected).detail.error).to.equal(failure);
    expect(await el.updateComplete.then(() => 'resolved')).to.equal('resolved');
    expect(el.status).to.equal('rejected');
    expect(el.error).to.equal(failure);
    expect(shown(el)).to.deep.equal(['error']);
  });
});

describe('<await-data> with a renderer that throws after disconnect', () => {
  it('fires no event once removed: a fulfilled listener that removes the element hears no rejected', async () => {
    sinon.stub(console, 'error');
    const answer = deferred<{ name: string }>();
    const el = await mount(html`<await-data .promise=${answer.promise}><p slot="error">Failed</p></await-data>`);
    el.renderer = () => {
      throw new Error('bad template');
    };
    await el.updateComplete;
    const heard: string[] = [];
    el.addEventListener('rejected', () => heard.push('rejected'));
    el.addEventListener('fulfilled', () => {
      heard.push('fulfilled');
      el.remove(); // a page that moves on once it has the data
    });
    answer.resolve({ name: 'x' });
    await answer.promise;
    await nextTask();
    await el.updateComplete;
    expect(heard).to.deep.equal(['fulfilled']);
  });
});

describe('<await-data> args', () => {
  it('reads a removed args attribute as no args', async () => {
    const { name, cache, fetches } = controlledQuery();
    const el = await mount(html`<await-data query=${name} args='["1"]' .cache=${cache}></await-data>`);
    el.removeAttribute('args');
    await el.updateComplete;
    expect(fetches.map((fetch) => fetch.args)).to.deep.equal([['1'], []]);
  });
});

describe('AwaitDataElement.define()', () => {
  it('defines the element under another tag name, which then shows its data', async () => {
    AwaitDataElement.define('shop-await-data');
    const el = document.createElement('shop-await-data') as AwaitDataElement;
    expect(el).to.be.instanceOf(AwaitDataElement);
    el.innerHTML = '<p slot="fallback">Loading</p><b data-field="name"></b>';
    el.promise = defer({ name: 'Widget' });
    document.body.append(el);
    await el.updateComplete;
    expect(el.status).to.equal('fulfilled');
    expect(el.querySelector('b')!.textContent).to.equal('Widget');
    el.remove();
  });
});
