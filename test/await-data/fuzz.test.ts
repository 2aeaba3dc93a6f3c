// <await-data> fuzzed: random interleavings of promise, query and args changes (as properties and
// as attributes, bad JSON included), promises and fetches settling in any order, invalidations,
// retries (a real click on the error slot's button when it shows), disconnects, reconnects and
// moves in the DOM, timing attributes and time passing. After every step:
// - `status`, `value` and `error` match the latest input (the promise's state, or the query
//   entry's), the fields show the value, and once the anti-flicker timings have passed the
//   region on screen is the status's;
// - at most one fetch per key per fresh window, where only an invalidation opens a new one;
// - no event from a disconnected element, and every event says the element's status;
// - nothing thrown to the page, no unhandled rejection, nothing logged.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import fc from 'fast-check';
import sinon from 'sinon';
import { query, QueryCache, type Query } from '../../src/cache/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { REGION_OF } from '../../src/await-data/shadow.js';
import { controlledFetcher, deferred, nextTask, type Controlled, type FetcherCall } from '../helpers/deferred.js';
import { checkFuzz } from '../helpers/fuzz.js';
import { fakeClock } from '../helpers/timers.js';
import { centre } from '../prefetch-link/helpers.js';
import { shown } from './helpers.js';
import '../../src/await-data/index.js';

const STALE_TIME = 5_000;
/** Longer than the longest fallback-delay plus fallback-min a step sets. */
const SETTLED_TIMINGS = 1_000;
const QUERIES = [0, 1];
const KEYS = ['a', 'b'];

type Value = { v: string };

type Action =
  | { do: 'newPromise' }
  | { do: 'promise'; pick: number }
  | { do: 'plainValue' | 'noPromise' | 'noQuery' | 'disconnect' }
  | { do: 'query'; q: number; as: 'object' | 'name' }
  | { do: 'args'; value: string; as: 'property' | 'attribute' }
  | { do: 'settlePromise' | 'settleFetch'; pick: number; ok: boolean }
  | { do: 'invalidate'; q: number; key: string | null }
  | { do: 'retry' }
  | { do: 'reconnect'; where: 'home' | 'elsewhere' }
  | { do: 'timing'; name: 'fallback-delay' | 'fallback-min'; value: string | null }
  | { do: 'tick'; ms: number };

/** Args as a step sets them: JSON for the attribute, the parsed array for the property. */
const ARGS = ['["a"]', '"b"', '["b"]', '[', ''];

const actions: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom<Action>(
    { do: 'newPromise' },
    { do: 'plainValue' },
    { do: 'noPromise' },
    { do: 'noQuery' },
    { do: 'disconnect' },
    { do: 'retry' },
  ),
  fc.record({ do: fc.constant('promise' as const), pick: fc.nat() }),
  fc.record({
    do: fc.constant('query' as const),
    q: fc.constantFrom(...QUERIES),
    as: fc.constantFrom('object' as const, 'name' as const),
  }),
  fc.record({
    do: fc.constant('args' as const),
    value: fc.constantFrom(...ARGS),
    as: fc.constantFrom('property' as const, 'attribute' as const),
  }),
  fc.record({
    do: fc.constantFrom('settlePromise' as const, 'settleFetch' as const),
    pick: fc.nat(),
    ok: fc.boolean(),
  }),
  fc.record({ do: fc.constant('settleFetch' as const), pick: fc.nat(), ok: fc.boolean() }),
  fc.record({
    do: fc.constant('invalidate' as const),
    q: fc.constantFrom(...QUERIES),
    key: fc.constantFrom(null, ...KEYS),
  }),
  fc.record({ do: fc.constant('reconnect' as const), where: fc.constantFrom('home' as const, 'elsewhere' as const) }),
  fc.record({
    do: fc.constant('timing' as const),
    name: fc.constantFrom('fallback-delay' as const, 'fallback-min' as const),
    value: fc.constantFrom(null, '0', '50', '300', 'abc'),
  }),
  fc.record({ do: fc.constant('tick' as const), ms: fc.constantFrom(1, 50, 100, SETTLED_TIMINGS, STALE_TIME + 1) }),
);

/**
 * The freshness rules per entry, from the fetcher's side: a fetch is allowed when nothing is in
 * flight and no fresh value is there, unless an invalidation came since (which opens both).
 */
class Fetches {
  readonly #entries = new Map<
    string,
    { latest: unknown; inFlight: boolean; fulfilledAt: number | undefined; invalidated: boolean }
  >();
  readonly violations: string[] = [];

  #entry(key: string) {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { latest: undefined, inFlight: false, fulfilledAt: undefined, invalidated: false };
      this.#entries.set(key, entry);
    }
    return entry;
  }

  started(key: string, call: unknown): void {
    const entry = this.#entry(key);
    const age = entry.fulfilledAt === undefined ? Infinity : Date.now() - entry.fulfilledAt;
    if (!entry.invalidated && entry.inFlight)
      this.violations.push(`${key} fetched again while its fetch was in flight`);
    else if (!entry.invalidated && age < STALE_TIME)
      this.violations.push(`${key} fetched again ${age} ms after its value`);
    Object.assign(entry, { latest: call, inFlight: true, invalidated: false });
  }

  settled(key: string, call: unknown, ok: boolean): void {
    const entry = this.#entry(key);
    if (entry.latest !== call) return; // an older fetch: it publishes nothing
    entry.inFlight = false;
    // An invalidated fetch must not publish its value as fresh.
    entry.fulfilledAt = ok && !entry.invalidated ? Date.now() : undefined;
  }

  invalidated(prefix: string): void {
    for (const [key, entry] of this.#entries) if (key.startsWith(prefix)) entry.invalidated = true;
  }
}

/** What the element's status, value and error should be now, read from its latest input. */
type Expected = { status: string | undefined; value?: unknown; error?: unknown };

/** One promise input the test settles, with its state as the test knows it. */
interface PromiseInput extends Controlled<Value> {
  state: Expected;
}

async function mountPage() {
  const page = await fixture<HTMLElement>(html`
    <div>
      <div class="home">
        <await-data>
          <p slot="fallback">Loading…</p>
          <p slot="error">Could not load. <button data-retry>Try again</button></p>
          <span data-field="v"></span>
        </await-data>
      </div>
      <div class="elsewhere"></div>
    </div>
  `);
  const el = page.querySelector<AwaitDataElement>('await-data')!;
  return { el, places: { home: page.querySelector('.home')!, elsewhere: page.querySelector('.elsewhere')! } };
}

async function runSequence(steps: Action[]): Promise<void> {
  const clock = fakeClock(Date.now());
  const consoleError = sinon.stub(console, 'error');
  const thrown: unknown[] = [];
  const onError = (event: ErrorEvent) => thrown.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => thrown.push(event.reason);
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);

  const cache = new QueryCache({ staleTime: STALE_TIME, gcTime: 1_000_000_000 });
  const fetches = new Fetches();
  const pendingFetches: Array<{ key: string; call: FetcherCall<Value> }> = [];
  const names = QUERIES.map((n) => `fuzz-await-${n}-${Math.random().toString(36).slice(2)}`);
  const queries = names.map((name, n) => {
    const { fetcher, calls } = controlledFetcher<Value>();
    let count = 0;
    return query(
      function (this: { signal: AbortSignal }, id: string) {
        const key = `${name}|${id}`;
        const result = fetcher.call(this, id);
        const call = calls.at(-1)!;
        fetches.started(key, call);
        pendingFetches.push({ key, call });
        count++;
        const value = { v: `query ${n} ${id} #${count}` };
        return result.then(() => value);
      },
      name,
      { cache },
    ) as Query<unknown[], Value>;
  });
  const promises: PromiseInput[] = [];

  const { el, places } = await mountPage();
  el.cache = cache;
  /** Which input the element was given last, as the docs define "the latest one set wins". */
  let latest: 'promise' | 'query' = 'query';
  const heard: string[] = [];
  for (const type of ['pending', 'fulfilled', 'rejected']) {
    el.addEventListener(type, (event) => {
      if (!el.isConnected) heard.push(`${type} while disconnected`);
      if (el.status !== type) heard.push(`${type} while the status is ${el.status}`);
      const detail = (event as CustomEvent).detail;
      if (type === 'fulfilled' && detail.value !== el.value) heard.push('fulfilled with another value than el.value');
    });
  }

  /** The state the element must show: the latest input's, read from the test's promises or the cache. */
  const expected = (): Expected => {
    if (latest === 'promise') {
      const input = el.promise as unknown;
      if (input === undefined || input === null) return { status: undefined };
      const known = promises.find((p) => p.promise === input);
      return known ? known.state : { status: 'fulfilled', value: input };
    }
    if (!el.query) return { status: undefined };
    const q = typeof el.query === 'string' ? cache.get(el.query) : el.query;
    let args: unknown[];
    try {
      const parsed = typeof el.args === 'string' ? JSON.parse(el.args) : (el.args ?? []);
      args = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      return { status: 'rejected' }; // bad JSON: the element says so
    }
    const snapshot = (q as Query<unknown[], Value>).peek(...args);
    if (!snapshot) throw new Error('the query has no entry for these args: the element never read it');
    return snapshot.status === 'rejected'
      ? { status: 'rejected', error: snapshot.error }
      : { status: snapshot.status, value: snapshot.value };
  };

  const check = (step: Action) => {
    expect(fetches.violations.join('; '), 'fetches').to.equal('');
    expect(heard.join('; '), 'events').to.equal('');
    expect(thrown, 'thrown to the page').to.deep.equal([]);
    if (!el.isConnected) return;
    const want = expected();
    expect(el.status, 'status').to.equal(want.status);
    if (want.status === 'fulfilled') {
      expect(el.value, 'value').to.equal(want.value);
      const field = el.querySelector('[data-field]')!.textContent;
      expect(field, 'the field').to.equal((want.value as Value)?.v ?? '');
    }
    if (want.status === 'rejected' && 'error' in want) expect(el.error, 'error').to.equal(want.error);
    if (step.do === 'tick' && step.ms >= SETTLED_TIMINGS) {
      expect(shown(el), 'region on screen').to.deep.equal([
        want.status ? REGION_OF[want.status as 'pending'] : 'content',
      ]);
    }
  };

  try {
    for (const step of steps) {
      const before = { promise: el.promise, query: el.query, args: el.args };
      switch (step.do) {
        case 'newPromise': {
          const input: PromiseInput = { ...deferred<Value>(), state: { status: 'pending' } };
          promises.push(input);
          el.promise = input.promise;
          break;
        }
        case 'promise':
          if (promises.length === 0) break;
          el.promise = promises[step.pick % promises.length]!.promise;
          break;
        case 'plainValue':
          el.promise = { v: 'plain' } as unknown as Promise<Value>;
          break;
        case 'noPromise':
          el.promise = undefined;
          break;
        case 'query':
          if (step.as === 'object') el.query = queries[step.q];
          else el.setAttribute('query', names[step.q]!);
          break;
        case 'noQuery':
          el.removeAttribute('query');
          el.query = null;
          break;
        case 'args':
          if (step.value === '') el.removeAttribute('args');
          else if (step.as === 'attribute') el.setAttribute('args', step.value);
          else el.args = step.value === '[' ? step.value : [JSON.parse(step.value)].flat();
          break;
        case 'settlePromise': {
          const open = promises.filter((p) => p.state.status === 'pending');
          const input = open[step.pick % Math.max(open.length, 1)];
          if (!input) break;
          if (step.ok) {
            input.state = { status: 'fulfilled', value: { v: `promise ${promises.indexOf(input)}` } };
            input.resolve(input.state.value as Value);
          } else {
            input.state = { status: 'rejected', error: new Error(`promise ${promises.indexOf(input)} failed`) };
            input.reject(input.state.error);
          }
          break;
        }
        case 'settleFetch': {
          const [picked] = pendingFetches.splice(step.pick % Math.max(pendingFetches.length, 1), 1);
          if (!picked) break;
          fetches.settled(picked.key, picked.call, step.ok);
          if (step.ok) picked.call.resolve({ v: '' });
          else picked.call.reject(new Error(`fetch of ${picked.key} failed`));
          break;
        }
        case 'invalidate':
          // First: a subscribed entry refetches inside invalidate().
          fetches.invalidated(`${names[step.q]}|${step.key ?? ''}`);
          if (step.key === null) queries[step.q]!.invalidate();
          else queries[step.q]!.invalidate(step.key);
          break;
        case 'retry': {
          const button = el.querySelector('button')!;
          if (el.isConnected && button.checkVisibility()) {
            await sendMouse({ type: 'click', position: centre(button) });
          } else {
            el.retry();
          }
          break;
        }
        case 'disconnect':
          el.remove();
          break;
        case 'reconnect':
          places[step.where].append(el);
          break;
        case 'timing':
          if (step.value === null) el.removeAttribute(step.name);
          else el.setAttribute(step.name, step.value);
          break;
        case 'tick':
          clock.tick(step.ms);
          break;
      }
      // The latest input set wins; setting the value a property already has changes nothing.
      if (el.promise !== before.promise) latest = 'promise';
      else if (el.query !== before.query || el.args !== before.args) latest = 'query';
      await nextTask();
      await el.updateComplete;
      check(step);
    }
  } finally {
    fixtureCleanup();
    while (pendingFetches.length > 0) pendingFetches.shift()!.call.resolve({ v: '' });
    promises.forEach((p) => p.resolve({ v: '' }));
    await nextTask();
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    const logged = consoleError.getCalls().map((call) => String(call.args[0]));
    sinon.restore(); // the clock and the console
    expect(logged, 'logged').to.deep.equal([]);
  }
}

describe('<await-data> fuzzed', () => {
  afterEach(() => sinon.restore());

  it('shows the latest input, fetches once per fresh window and says nothing while disconnected, whatever the order', async function () {
    this.timeout(0); // a longer run (FUZZ_RUNS) takes what it takes
    await checkFuzz('<await-data>', fc.asyncProperty(fc.array(actions, { minLength: 1, maxLength: 30 }), runSequence), {
      ciRuns: 50,
    });
  });
});
