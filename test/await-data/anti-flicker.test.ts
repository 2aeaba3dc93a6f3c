import { expect, html, oneEvent } from '@open-wc/testing';
import type { SinonFakeTimers } from 'sinon';
import { defer } from '../../src/cache/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { deferred, fakeTimers, mount, shown } from './helpers.js';

describe('<await-data> anti-flicker timing', () => {
  let clock: SinonFakeTimers;
  beforeEach(() => (clock = fakeTimers()));
  afterEach(() => clock.restore());

  /** Moves fake time on, then lets the element render what the timers decided. */
  const tick = async (el: AwaitDataElement, ms: number) => {
    clock.tick(ms);
    await el.updateComplete;
  };

  const pendingElement = () => {
    const d = deferred<{ name: string }>();
    const el = mount(
      html`<await-data .promise=${d.promise}>
        <p slot="fallback">Loading…</p>
        <p slot="error">Failed</p>
        <h1 data-field="name"></h1>
      </await-data>`,
    );
    return { d, el };
  };

  it('defaults to a 100 ms delay and a 300 ms minimum', async () => {
    const el = document.createElement('await-data');
    expect([el.fallbackDelay, el.fallbackMin]).to.deep.equal([100, 300]);
  });

  it('shows no fallback for data that arrives within fallback-delay', async () => {
    const { d, el: mounting } = pendingElement();
    const el = await mounting;
    expect(el.status).to.equal('pending');
    expect(shown(el)).to.deep.equal([]);
    await tick(el, 99);
    expect(shown(el)).to.deep.equal([]);
    const fulfilled = oneEvent(el, 'fulfilled');
    d.resolve({ name: 'fast' });
    await fulfilled;
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['content']);
    await tick(el, 1_000);
    expect(shown(el)).to.deep.equal(['content']);
  });

  it('shows the fallback once fallback-delay has passed', async () => {
    const { el: mounting } = pendingElement();
    const el = await mounting;
    await tick(el, 100);
    expect(shown(el)).to.deep.equal(['fallback']);
  });

  it('keeps the fallback for fallback-min while status, value, fields and events follow the data at once', async () => {
    const { d, el: mounting } = pendingElement();
    const el = await mounting;
    await tick(el, 100);
    await tick(el, 50);
    const fulfilled = oneEvent(el, 'fulfilled');
    d.resolve({ name: 'slow' });
    await fulfilled;
    await el.updateComplete;
    expect(el.status).to.equal('fulfilled');
    expect(el.getAttribute('status')).to.equal('fulfilled');
    expect(el.value).to.deep.equal({ name: 'slow' });
    expect(el.querySelector('h1')!.textContent).to.equal('slow');
    expect(shown(el)).to.deep.equal(['fallback']);
    await tick(el, 249);
    expect(shown(el)).to.deep.equal(['fallback']);
    await tick(el, 1);
    expect(shown(el)).to.deep.equal(['content']);
  });

  it('holds an error behind the fallback for fallback-min too', async () => {
    const { d, el: mounting } = pendingElement();
    const el = await mounting;
    await tick(el, 100);
    const rejected = oneEvent(el, 'rejected');
    d.reject(new Error('x'));
    await rejected;
    await el.updateComplete;
    expect(el.status).to.equal('rejected');
    expect(shown(el)).to.deep.equal(['fallback']);
    await tick(el, 300);
    expect(shown(el)).to.deep.equal(['error']);
  });

  it('shows the result at once when the fallback has been up longer than fallback-min', async () => {
    const { d, el: mounting } = pendingElement();
    const el = await mounting;
    await tick(el, 500);
    const fulfilled = oneEvent(el, 'fulfilled');
    d.resolve({ name: 'late' });
    await fulfilled;
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['content']);
  });

  it('reads fallback-delay and fallback-min from attributes; 0 shows the fallback on the first render', async () => {
    const el = await mount(
      html`<await-data fallback-delay="0" fallback-min="1000" .promise=${deferred().promise}>
        <p slot="fallback">Loading…</p>
      </await-data>`,
    );
    expect([el.fallbackDelay, el.fallbackMin]).to.deep.equal([0, 1000]);
    expect(shown(el)).to.deep.equal(['fallback']);
    el.promise = defer({ name: 'now' });
    await el.updateComplete;
    expect(el.status).to.equal('fulfilled');
    expect(shown(el)).to.deep.equal(['fallback']);
    await tick(el, 1_000);
    expect(shown(el)).to.deep.equal(['content']);
  });

  it('keeps the old content on screen during fallback-delay when the input changes', async () => {
    const el = await mount(
      html`<await-data .promise=${defer({ name: 'old' })}>
        <p slot="fallback">Loading…</p>
        <h1 data-field="name"></h1>
      </await-data>`,
    );
    const next = deferred<{ name: string }>();
    el.promise = next.promise;
    await el.updateComplete;
    expect(el.status).to.equal('pending');
    expect(el.getAttribute('aria-busy')).to.equal('true');
    expect(shown(el)).to.deep.equal(['content']);
    expect(el.querySelector('h1')!.textContent).to.equal('old');
    await tick(el, 100);
    expect(shown(el)).to.deep.equal(['fallback']);
  });

  it('stops its timers when removed', async () => {
    const { el: mounting } = pendingElement();
    const el = await mounting;
    el.remove();
    expect(clock.countTimers()).to.equal(0);
  });
});
