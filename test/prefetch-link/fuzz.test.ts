// <prefetch-link> fuzzed: random interleavings of real input (pointer over and out, Tab and
// Shift+Tab, touch), disconnects, reconnects and moves, `href`, `trigger` and `delay` changes,
// links re-pointed, time passing and fetches settling in any order. After every step:
// - at most one fetch per key per fresh window (the fetcher's calls are counted, not the
//   preloads: every intent runs the preload by design, and the cache dedupes);
// - no event from a disconnected element;
// - nothing thrown to the page, no unhandled rejection;
// - and intent is never lost: a touch, or a pointer or focus resting on a link past the delay,
//   leaves that link's data fetching or fresh.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import fc from 'fast-check';
import sinon from 'sinon';
import { query, QueryCache } from '../../src/cache/index.js';
import type { PrefetchLinkElement } from '../../src/prefetch-link/index.js';
import { controlledFetcher, nextTask, type FetcherCall } from '../helpers/deferred.js';
import { checkFuzz } from '../helpers/fuzz.js';
import { sendKeys } from '../helpers/input.js';
import { fakeClock } from '../helpers/timers.js';
import { cleanUp, fakeIdle, hover, moveAway, route, touch, uniquePath } from './helpers.js';

const STALE_TIME = 5_000;
/** Longer than any delay a step sets: a pointer or focus resting this long is intent. */
const REST = 201;
const KEYS = ['a', 'b', 'c'];
const TRIGGERS = ['intent', 'hover', 'focus', 'touch', 'hover touch', 'none', '', 'intent viewport', 'render', 'idle'];
const DELAYS = [null, '0', '30', '65', '200', 'abc', '-5'];
const INTENT = ['hover', 'focus', 'touch'];

type Action =
  | { do: 'rest' | 'pass' | 'touch'; link: number }
  | { do: 'away' | 'disconnect' | 'idle' }
  | { do: 'tab' | 'tabRest'; back: boolean }
  | { do: 'reconnect'; where: 'home' | 'elsewhere' }
  | { do: 'href'; value: string | null }
  | { do: 'trigger'; value: string }
  | { do: 'delay'; value: string | null }
  | { do: 'linkHref'; link: number; key: string }
  | { do: 'tick'; ms: number }
  | { do: 'settle'; pick: number; ok: boolean };

const link = fc.nat(KEYS.length - 1);
const actions: fc.Arbitrary<Action> = fc.oneof(
  link.map((n) => ({ do: 'rest' as const, link: n })),
  link.map((n) => ({ do: 'pass' as const, link: n })),
  link.map((n) => ({ do: 'touch' as const, link: n })),
  fc.constantFrom({ do: 'away' as const }, { do: 'disconnect' as const }, { do: 'idle' as const }),
  fc.record({ do: fc.constantFrom('tab' as const, 'tabRest' as const), back: fc.boolean() }),
  fc.record({ do: fc.constant('reconnect' as const), where: fc.constantFrom('home' as const, 'elsewhere' as const) }),
  fc.record({ do: fc.constant('href' as const), value: fc.constantFrom(null, 'a', 'x') }),
  fc.record({ do: fc.constant('trigger' as const), value: fc.constantFrom(...TRIGGERS) }),
  fc.record({ do: fc.constant('delay' as const), value: fc.constantFrom(...DELAYS) }),
  fc.record({ do: fc.constant('linkHref' as const), link, key: fc.constantFrom(...KEYS, 'x') }),
  fc.record({ do: fc.constant('tick' as const), ms: fc.constantFrom(1, 30, 64, 65, 300, 1000, STALE_TIME + 1) }),
  fc.record({ do: fc.constant('settle' as const), pick: fc.nat(), ok: fc.boolean() }),
);

/** What the fetcher has done per key, and which fetches that breaks the freshness rules. */
class Fetches {
  readonly #keys = new Map<string, { inFlight: number; fulfilledAt: number | undefined }>();
  readonly violations: string[] = [];

  #state(key: string) {
    let state = this.#keys.get(key);
    if (!state) this.#keys.set(key, (state = { inFlight: 0, fulfilledAt: undefined }));
    return state;
  }

  started(key: string): void {
    const state = this.#state(key);
    const age = state.fulfilledAt === undefined ? Infinity : Date.now() - state.fulfilledAt;
    if (state.inFlight > 0) this.violations.push(`"${key}" fetched again while its fetch was in flight`);
    else if (age < STALE_TIME) this.violations.push(`"${key}" fetched again ${age} ms after it was fulfilled`);
    state.inFlight++;
  }

  settled(key: string, ok: boolean): void {
    const state = this.#state(key);
    state.inFlight--;
    state.fulfilledAt = ok ? Date.now() : undefined;
  }

  /** Whether the key's data is being fetched, or was fresh at some moment of the last `withinMs`. */
  isFetchingOrFresh(key: string, withinMs: number): boolean {
    const state = this.#state(key);
    return (
      state.inFlight > 0 || (state.fulfilledAt !== undefined && Date.now() - state.fulfilledAt < STALE_TIME + withinMs)
    );
  }
}

/** One run's page: the element, its links, two buttons around them, and a second place to move it to. */
async function mountPage(base: string) {
  const page = await fixture<HTMLElement>(html`
    <div>
      <button>before</button>
      <div class="home">
        <prefetch-link style="display: block">
          ${KEYS.map((key) => html`<a style="display: block; line-height: 30px" href="${base}/${key}">${key}</a>`)}
        </prefetch-link>
      </div>
      <div class="elsewhere"></div>
      <button>after</button>
    </div>
  `);
  const el = page.querySelector<PrefetchLinkElement>('prefetch-link')!;
  const [before, after] = page.querySelectorAll('button');
  const places = { home: page.querySelector('.home')!, elsewhere: page.querySelector('.elsewhere')! };
  return { el, links: [...el.querySelectorAll('a')], before: before!, after: after!, places };
}

/** The element's triggers, with `intent` spelled out (as the docs define them). */
function triggersOf(el: PrefetchLinkElement): Set<string> {
  const tokens = (el.getAttribute('trigger') ?? '').trim().split(/\s+/);
  const words = tokens[0] ? tokens : ['intent'];
  return new Set(words.flatMap((word) => (word === 'intent' ? INTENT : [word])));
}

/** The key a link stands for: the element's `href` where set, else the link's own. */
function keyOf(el: PrefetchLinkElement, link: Element): string {
  return (el.getAttribute('href') ?? link.getAttribute('href')!).split('/').pop()!;
}

/** Moves focus one step with the keyboard, staying among the page's own focusable elements. */
async function tab(back: boolean, first: HTMLElement, last: HTMLElement): Promise<void> {
  const active = document.activeElement;
  const goBack = back ? active !== first && active !== document.body : active === last;
  if (goBack) await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  if (goBack) await sendKeys({ up: 'Shift' });
}

async function runSequence(steps: Action[]): Promise<void> {
  const clock = fakeClock(Date.now());
  const idle = fakeIdle();
  const consoleError = sinon.stub(console, 'error');
  const thrown: unknown[] = [];
  const onError = (event: ErrorEvent) => thrown.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => thrown.push(event.reason);
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  const base = uniquePath();
  const fetches = new Fetches();
  const { fetcher, calls } = controlledFetcher<string>();
  const pending: Array<FetcherCall<string>> = [];
  const cache = new QueryCache({ staleTime: STALE_TIME, gcTime: 1_000_000_000 });
  const q = query(
    function (this: { signal: AbortSignal }, key: string) {
      fetches.started(key);
      const result = fetcher.call(this, key);
      pending.push(calls.at(-1)!);
      return result;
    },
    `fuzz-link${base}`,
    { cache },
  );
  // A preload that also awaits its data, so that its end event comes later, maybe after a disconnect.
  route(`${base}/:id`, ({ params }) => {
    q.prefetch([params.id!]);
    return q(params.id!);
  });
  const { el, links, before, after, places } = await mountPage(base);
  const heardWhileDisconnected: string[] = [];
  for (const type of ['prefetchstart', 'prefetchend', 'prefetcherror']) {
    el.addEventListener(type, (event) => {
      if (!el.isConnected) heardWhileDisconnected.push(`${type} ${(event as CustomEvent).detail.href}`);
      if (type === 'prefetcherror') event.preventDefault(); // expected: some fetches fail
    });
  }
  const settle = (call: FetcherCall<string>, ok: boolean) => {
    pending.splice(pending.indexOf(call), 1);
    fetches.settled(call.args[0] as string, ok);
    if (ok) call.resolve(`value of ${call.args[0]}`);
    else call.reject(new Error(`no ${call.args[0]}`));
  };
  /** Intent on a link must leave its data fetching or fresh. */
  const expectPreloaded = (target: Element, intent: string, withinMs: number) => {
    if (!el.isConnected || !triggersOf(el).has(intent) || !el.contains(target)) return;
    const key = keyOf(el, target);
    expect(fetches.isFetchingOrFresh(key, withinMs), `${intent} on "${key}" fetched nothing`).to.equal(true);
  };

  try {
    for (const step of steps) {
      switch (step.do) {
        case 'rest':
          await moveAway();
          if (el.isConnected) await hover(links[step.link]!);
          clock.tick(REST);
          expectPreloaded(links[step.link]!, 'hover', REST);
          break;
        case 'pass':
          if (el.isConnected) await hover(links[step.link]!);
          break;
        case 'away':
          await moveAway();
          break;
        case 'touch':
          if (el.isConnected) touch(links[step.link]!, step.link === 2 ? 'pen' : 'touch');
          await nextTask();
          expectPreloaded(links[step.link]!, 'touch', 0);
          break;
        case 'tab':
        case 'tabRest':
          await tab(step.back, before, after);
          if (step.do === 'tabRest') {
            clock.tick(REST);
            if (document.activeElement) expectPreloaded(document.activeElement, 'focus', REST);
          }
          break;
        case 'disconnect':
          el.remove();
          break;
        case 'reconnect':
          places[step.where].append(el);
          break;
        case 'href':
          if (step.value === null) el.removeAttribute('href');
          else el.setAttribute('href', `${base}/${step.value}`);
          break;
        case 'trigger':
          el.setAttribute('trigger', step.value);
          break;
        case 'delay':
          if (step.value === null) el.removeAttribute('delay');
          else el.setAttribute('delay', step.value);
          break;
        case 'linkHref':
          links[step.link]!.setAttribute('href', `${base}/${step.key}`);
          break;
        case 'tick':
          clock.tick(step.ms);
          break;
        case 'settle':
          if (pending.length > 0) settle(pending[step.pick % pending.length]!, step.ok);
          break;
        case 'idle':
          idle.idle();
          break;
      }
      await nextTask();
      expect(fetches.violations.join('; '), 'fetches').to.equal('');
      expect(heardWhileDisconnected.join('; '), 'events from a disconnected element').to.equal('');
      expect(thrown, 'thrown to the page').to.deep.equal([]);
    }
  } finally {
    fixtureCleanup(); // the next run's page takes this one's place, in view
    // Every preload ends, so the page-wide budget of speculative preloads is free again.
    while (pending.length > 0) settle(pending[0]!, true);
    await nextTask();
    await moveAway();
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    const logged = consoleError.getCalls().map((call) => String(call.args[0]));
    cleanUp(); // the route, the idle stand-in, the clock and the console
    expect(logged.filter((message) => !message.startsWith('prefetch-elements: preload of'))).to.deep.equal([]);
  }
}

describe('<prefetch-link> fuzzed', () => {
  afterEach(cleanUp);

  it('keeps one fetch per fresh window, no event after disconnect, and every intent, whatever the order', async function () {
    this.timeout(0); // a longer run (FUZZ_RUNS) takes what it takes
    await checkFuzz(
      '<prefetch-link>',
      fc.asyncProperty(fc.array(actions, { minLength: 1, maxLength: 24 }), runSequence),
      {
        ciRuns: 50,
      },
    );
  });
});
