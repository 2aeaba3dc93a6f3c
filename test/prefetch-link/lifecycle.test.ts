import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import { PrefetchLinkElement } from '../../src/prefetch-link/index.js';
import { cleanUp, fakeIdle, fakeTimers, frames, route, touch, uniquePath, watchObservers } from './helpers.js';

describe('<prefetch-link> lifecycle', () => {
  afterEach(cleanUp);

  it('is defined by the main entry, once', async () => {
    await import('../../src/index.js');
    expect(customElements.get('prefetch-link')).to.equal(PrefetchLinkElement);
    expect(document.createElement('prefetch-link')).to.be.instanceOf(PrefetchLinkElement);
  });

  it('leaves nothing behind after 10 000 connects and disconnects', async () => {
    const base = uniquePath();
    const preload = route(`${base}/:id`);
    // A root of its own, so the one-time listeners of that root are counted here too.
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('prefetch-link');
    el.setAttribute('trigger', 'intent viewport idle');
    el.innerHTML = `<a href="${base}/1">One</a> <a href="${base}/2">Two</a>`;
    const added = sinon.spy(EventTarget.prototype, 'addEventListener');
    const removed = sinon.spy(EventTarget.prototype, 'removeEventListener');
    const observed = sinon.spy(IntersectionObserver.prototype, 'observe');
    const unobserved = sinon.spy(IntersectionObserver.prototype, 'unobserve');
    const clock = fakeTimers();
    const page = fakeIdle();

    for (let i = 0; i < 10_000; i++) {
      root.append(el);
      el.remove();
    }

    // Intent listeners live on the root, once, whatever the number of elements.
    expect(added.thisValues.filter((t) => t !== root)).to.deep.equal([]);
    expect(added.args.map((a) => a[0])).to.deep.equal(['pointerover', 'pointerdown', 'focusin']);
    expect(removed.callCount).to.equal(0);
    expect(observed.callCount).to.equal(20_000);
    expect(unobserved.callCount).to.equal(observed.callCount);
    expect(clock.countTimers()).to.equal(0); // intent delays, dwell timers
    expect(page.pending).to.equal(0); // idle callbacks
    expect(preload).not.to.have.been.called;

    // And it still works when connected once more.
    root.append(el);
    touch(el.querySelector('a')!);
    expect(preload).to.have.been.calledOnce;
  });

  it('drops its pending intent, idle callback and dwell timers on disconnect', async () => {
    const base = uniquePath();
    const preload = route(`${base}/:id`);
    const clock = fakeTimers();
    const page = fakeIdle();
    const observers = watchObservers();
    const el = await fixture(
      html`<prefetch-link trigger="intent idle viewport"><a href="${base}/1">One</a></prefetch-link>`,
    );
    await frames(() => clock.countTimers() === 1); // in view: its dwell timer runs
    el.querySelector('a')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(clock.countTimers()).to.equal(2); // the dwell timer and the focus delay
    expect(page.pending).to.equal(1);
    expect(observers.observed()).to.equal(1);
    el.remove();
    expect(clock.countTimers()).to.equal(0);
    expect(page.pending).to.equal(0);
    expect(observers.observed()).to.equal(0);
    clock.tick(5000);
    expect(preload).not.to.have.been.called;
  });
});

describe('<prefetch-link> accessibility', () => {
  it('passes an accessibility audit around a nav', async () => {
    const el = await fixture(html`
      <prefetch-link>
        <nav aria-label="Products">
          <ul>
            <li><a href="/products/1">Widget</a></li>
            <li><a href="/products/2">Gadget</a></li>
          </ul>
        </nav>
      </prefetch-link>
    `);
    await expect(el).to.be.accessible();
  });

  it('leaves the link its role, name and focus', async () => {
    const el = await fixture(html`<prefetch-link><a href="/products/1">Widget</a></prefetch-link>`);
    const a = el.querySelector('a')!;
    expect(el.getAttribute('role')).to.equal(null);
    expect(el.hasAttribute('tabindex')).to.equal(false);
    expect(el.shadowRoot).to.equal(null);
    a.focus();
    expect(document.activeElement).to.equal(a);
  });
});
