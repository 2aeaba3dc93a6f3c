import { expect, fixture, html } from '@open-wc/testing';
import sinon, { type SinonFakeTimers } from 'sinon';
import {
  cleanUp,
  deferred,
  fakeIdle,
  fakeTimers,
  frames,
  nextFrames,
  nextViewportReport,
  route,
  uniquePath,
  watchObservers,
} from './helpers.js';
import { flush, nextTask } from '../helpers/deferred.js';

type Stub = [object: object, key: string, descriptor: PropertyDescriptor | undefined];

/** Replaces a navigator property (own or inherited) for one test. */
function stubNavigator(stubs: Stub[], key: string, value: unknown) {
  stubs.push([navigator, key, Object.getOwnPropertyDescriptor(navigator, key)]);
  Object.defineProperty(navigator, key, { value, configurable: true });
}

describe('<prefetch-link> speculative triggers', () => {
  let base: string;
  let clock: SinonFakeTimers;
  const stubs: Stub[] = [];
  beforeEach(() => {
    base = uniquePath();
    clock = fakeTimers();
  });
  afterEach(() => {
    for (const [object, key, descriptor] of stubs.splice(0).reverse()) {
      if (descriptor) Object.defineProperty(object, key, descriptor);
      else delete (object as Record<string, unknown>)[key];
    }
    document.querySelectorAll('prefetch-link').forEach((el) => el.remove());
    cleanUp();
  });

  it('preloads every link on render', async () => {
    const preload = route(`${base}/:id`);
    await fixture(
      html`<prefetch-link trigger="render"><a href="${base}/a">A</a><a href="${base}/b">B</a></prefetch-link>`,
    );
    expect(preload.getCalls().map((c) => [c.args[0].params.id, c.args[0].intent])).to.deep.equal([
      ['a', 'render'],
      ['b', 'render'],
    ]);
  });

  it('preloads when the page is idle', async () => {
    const page = fakeIdle();
    const preload = route(`${base}/:id`);
    await fixture(html`<prefetch-link trigger="idle"><a href="${base}/a">A</a></prefetch-link>`);
    expect(preload).not.to.have.been.called;
    page.idle();
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0].intent).to.equal('idle');
  });

  it('preloads when idle with setTimeout where requestIdleCallback is missing', async () => {
    const preload = route(`${base}/:id`);
    // Already missing in WebKit, as in Safari; put back only what was there.
    const had = 'requestIdleCallback' in window;
    const { requestIdleCallback: ric, cancelIdleCallback: cic } = window;
    delete (window as Partial<Window>).requestIdleCallback;
    try {
      await fixture(html`<prefetch-link trigger="idle"><a href="${base}/a">A</a></prefetch-link>`);
      expect(preload).not.to.have.been.called;
      clock.tick(1);
      expect(preload).to.have.been.calledOnce;
    } finally {
      if (had) Object.assign(window, { requestIdleCallback: ric, cancelIdleCallback: cic });
    }
  });

  it('preloads a link that stays in view for the dwell time, once', async () => {
    const preload = route(`${base}/:id`);
    const observers = watchObservers();
    const el = await fixture(html`<prefetch-link trigger="viewport"><a href="${base}/v">V</a></prefetch-link>`);
    expect(observers.observed()).to.equal(1);
    await frames(() => clock.countTimers() === 1); // in view: the dwell timer runs
    clock.tick(299);
    expect(preload).not.to.have.been.called;
    clock.tick(1);
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0].intent).to.equal('viewport');
    expect(observers.observed()).to.equal(0); // unobserved after firing
    el.remove();
  });

  it('does not preload a link that leaves the viewport before the dwell time', async () => {
    const preload = route(`${base}/:id`);
    const observers = watchObservers();
    const el = await fixture(
      html`<div style="position: fixed; top: 0">
        <prefetch-link trigger="viewport"><a href="${base}/v">V</a></prefetch-link>
      </div>`,
    );
    await frames(() => clock.countTimers() === 1);
    clock.tick(200);
    (el as HTMLElement).style.top = '5000px';
    await frames(() => clock.countTimers() === 0); // out of view: the dwell timer is cleared
    clock.tick(1000);
    expect(preload).not.to.have.been.called;
    expect(observers.observed()).to.equal(1); // still watched: it may come back
  });

  it('never preloads a link that is far out of view', async () => {
    const preload = route(`${base}/:id`);
    await fixture(
      html`<div style="position: fixed; top: 5000px">
        <prefetch-link trigger="viewport"><a href="${base}/v">V</a></prefetch-link>
      </div>`,
    );
    await nextFrames(5); // the observer has had its chance to report
    clock.tick(1000);
    expect(preload).not.to.have.been.called;
  });

  it('shares one IntersectionObserver between elements', async () => {
    const created: IntersectionObserver[] = [];
    const Native = window.IntersectionObserver;
    // An observer may already exist from an earlier test: then none is created here either.
    window.IntersectionObserver = class extends Native {
      constructor(...args: ConstructorParameters<typeof Native>) {
        super(...args);
        created.push(this);
      }
    };
    try {
      route(`${base}/:id`);
      const observers = watchObservers();
      await fixture(
        html`<div>
          ${[1, 2, 3].map((i) => html`<prefetch-link trigger="viewport"><a href="${base}/${i}">${i}</a></prefetch-link>`)}
        </div>`,
      );
      expect(observers.observed()).to.equal(3);
      expect(created.length).to.be.at.most(1);
    } finally {
      window.IntersectionObserver = Native;
    }
  });

  for (const [condition, key, value] of [
    ['Save-Data', 'connection', { saveData: true, effectiveType: '4g' }],
    ['a 2g connection', 'connection', { saveData: false, effectiveType: 'slow-2g' }],
    ['offline', 'onLine', false],
  ] as const) {
    it(`stands down under ${condition}, while intent still preloads`, async () => {
      stubNavigator(stubs, key, value);
      const preload = route(`${base}/:id`);
      const page = fakeIdle();
      const el = await fixture(
        html`<prefetch-link trigger="render idle intent"><a href="${base}/a">A</a></prefetch-link>`,
      );
      page.idle();
      expect(preload).not.to.have.been.called;
      el.querySelector('a')!.dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'touch', bubbles: true }));
      expect(preload).to.have.been.calledOnce;
      expect(preload.firstCall.args[0].intent).to.equal('touch');
    });
  }
});

describe('<prefetch-link> speculative budget', () => {
  let base: string;
  let runs: Map<string, ReturnType<typeof deferred>>;
  /** A preload that stays in flight until the test settles it. */
  const slowRoute = () =>
    route(`${base}/:id`, ({ params }) => {
      runs.set(params.id!, deferred());
      return runs.get(params.id!)!.promise;
    });
  beforeEach(() => {
    base = uniquePath();
    runs = new Map();
  });
  afterEach(async () => {
    document.querySelectorAll('prefetch-link').forEach((el) => el.remove());
    runs.forEach((r) => r.resolve(undefined));
    await flush(); // the page-wide budget frees the slots of the runs that settled
    cleanUp();
  });

  it('runs at most 3 speculative preloads at once, queues the rest, and lets intent jump the queue', async () => {
    const preload = slowRoute();
    const el = await fixture(html`
      <prefetch-link trigger="render intent"
        >${[1, 2, 3, 4, 5].map((i) => html`<a href="${base}/${i}">${i}</a>`)}</prefetch-link
      >
    `);
    expect([...runs.keys()]).to.deep.equal(['1', '2', '3']); // 4 and 5 wait for a slot

    el.querySelectorAll('a')[4]!.dispatchEvent(
      new PointerEvent('pointerdown', { pointerType: 'touch', bubbles: true }),
    );
    expect([...runs.keys()]).to.deep.equal(['1', '2', '3', '5']);

    runs.get('1')!.resolve(undefined);
    await frames(() => runs.has('4'));
    // Intent ran 5 already, so its queued render run was dropped: nothing else starts.
    runs.forEach((run) => run.resolve(undefined));
    await flush();
    expect([...runs.keys()]).to.deep.equal(['1', '2', '3', '5', '4']);
    expect(preload).to.have.callCount(5);
  });

  // Found in review: with two matching routes, the first failure ended the run and freed its
  // slot while the other route's preload still ran.
  it('holds a slot until every matching route’s preload settled, though one failed at once', async () => {
    sinon.stub(console, 'error'); // the layout's failures, reported as they should be
    slowRoute();
    route(`${base}/*`, () => Promise.reject(new Error('layout failed')));
    await fixture(
      html`<prefetch-link trigger="render"
        >${[1, 2, 3, 4].map((i) => html`<a href="${base}/${i}">${i}</a>`)}</prefetch-link
      >`,
    );
    await nextTask();
    expect([...runs.keys()]).to.deep.equal(['1', '2', '3']); // 4 still waits for a slot
    runs.get('1')!.resolve(undefined);
    await frames(() => runs.has('4'));
    expect([...runs.keys()]).to.deep.equal(['1', '2', '3', '4']);
  });

  it('drops a queued link that leaves the viewport', async () => {
    const preload = slowRoute();
    await fixture(
      html`<prefetch-link trigger="render"
        >${[1, 2, 3].map((i) => html`<a href="${base}/busy${i}">${i}</a>`)}</prefetch-link
      >`,
    );
    expect(runs.size).to.equal(3); // the budget is spent
    const clock = fakeTimers();
    const box = await fixture<HTMLElement>(
      html`<div style="position: fixed; top: 0">
        <prefetch-link trigger="viewport"><a href="${base}/late">L</a></prefetch-link>
      </div>`,
    );
    await frames(() => clock.countTimers() === 1);
    clock.tick(300); // it dwelt in view: queued, since no slot is free
    clock.restore();
    expect(preload).to.have.callCount(3);
    box.style.top = '5000px';
    expect(await nextViewportReport(box.querySelector('a')!)).to.equal(false);
    await nextFrames(2); // the library's observer has been told too by now
    runs.forEach((r) => r.resolve(undefined));
    await flush();
    expect([...runs.keys()]).to.deep.equal(['busy1', 'busy2', 'busy3']); // left the viewport while queued: dropped
  });

  it('drops the queued links of an element that is removed', async () => {
    slowRoute();
    const el = await fixture(
      html`<prefetch-link trigger="render"
        >${[1, 2, 3, 4, 5].map((i) => html`<a href="${base}/${i}">${i}</a>`)}</prefetch-link
      >`,
    );
    expect(runs.size).to.equal(3); // 4 and 5 wait for a slot
    el.remove();
    runs.forEach((r) => r.resolve(undefined));
    await flush();
    expect(runs.size).to.equal(3); // removed while queued: they never run
  });
});
