// Runs fast-check command sequences against the real cache and the reference model (model.ts),
// comparing them after every command. Shared by the browser test (model.test.ts) and the Node
// test (test/node/cache-model.test.mjs), which each say how to catch unhandled rejections.
import fc from 'fast-check';
import sinon from 'sinon';
import { QueryCache, query, type Query } from '../../../src/cache/index.js';
import { CacheModel, GC_TIME, STALE_TIME, describe, type ListenerKind, type ModelListener } from './model.js';

const KEYS = ['a', 'b', 'c'];

/** One fetcher call of the real cache, settled by a command. */
interface RealCall {
  key: string;
  resolve(value: string): void;
  reject(error: Error): void;
}

/** The real cache, with what the commands need to drive and watch it. */
class RealCache {
  readonly cache = new QueryCache({ staleTime: STALE_TIME, gcTime: GC_TIME });
  /** Every fetcher call, in order: the model numbers its fetches in the same order. */
  readonly calls: RealCall[] = [];
  readonly q: Query<[string], string>;
  /** Whether each read so far has settled. */
  readonly reads: Array<{ settled: boolean }> = [];
  readonly listeners = new Map<number, { heard: string[]; stop: () => void }>();

  constructor() {
    const calls = this.calls;
    this.q = query(
      (key: string) =>
        new Promise<string>((resolve, reject) => {
          calls.push({ key, resolve, reject });
        }),
      'model',
      { cache: this.cache },
    );
  }

  read(key: string): void {
    const read = { settled: false };
    this.reads.push(read);
    const settled = () => {
      read.settled = true;
    };
    this.q(key).then(settled, settled);
  }

  subscribe(listener: ModelListener): void {
    const heard: string[] = [];
    const stop = this.q.subscribe(
      [listener.key],
      (snapshot) => {
        heard.push(describe(snapshot));
        if (listener.kind === 'reads') this.read(listener.key);
        if (listener.kind === 'retries' && snapshot.status === 'rejected') this.read(listener.key);
      },
      { fetching: listener.wantsFetching },
    );
    this.listeners.set(listener.id, { heard, stop });
  }
}

/** Lets every promise reaction run: the cache settles within a few microtask turns. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

type Setup = { model: CacheModel; real: RealCache; clock: sinon.SinonFakeTimers };
type Step = fc.AsyncCommand<CacheModel, Setup>;

/** A command: what it does to both, and how it prints in a counterexample. */
function step(name: string, run: (model: CacheModel, real: Setup) => void, check = (_model: CacheModel) => true): Step {
  return {
    check,
    async run(model, setup) {
      run(model, setup);
      await flush();
      compare(model, setup.real);
    },
    toString: () => name,
  };
}

let listenerIds = 0;

const key = fc.constantFrom(...KEYS);
const steps: Array<fc.Arbitrary<Step>> = [
  key.map((k) =>
    step(`read(${k})`, (model, { real }) => {
      model.read(k);
      real.read(k);
    }),
  ),
  fc
    .record({ k: key, options: fc.constantFrom({}, { force: true }, { ifOlderThan: 0 }, { ifOlderThan: 500 }) })
    .map(({ k, options }) =>
      step(`prefetch(${k}, ${JSON.stringify(options)})`, (model, { real }) => {
        model.prefetch(k, options);
        real.q.prefetch([k], options);
      }),
    ),
  fc.option(key, { nil: undefined }).map((k) =>
    step(`invalidate(${k ?? ''})`, (model, { real }) => {
      if (k) model.invalidate(k);
      else model.invalidateAll();
      if (k) real.q.invalidate(k);
      else real.q.invalidate();
    }),
  ),
  fc
    .record({ k: key, kind: fc.constantFrom<ListenerKind>('quiet', 'reads', 'retries'), wantsFetching: fc.boolean() })
    .map(({ k, kind, wantsFetching }) =>
      step(`subscribe(${k}, ${kind}${wantsFetching ? ', fetching' : ''})`, (model, { real }) => {
        const listener: ModelListener = { id: ++listenerIds, key: k, kind, wantsFetching, heard: [] };
        model.subscribe(listener);
        real.subscribe(listener);
      }),
    ),
  fc.nat().map((pick) =>
    step(
      `unsubscribe(#${pick})`,
      (model, { real }) => {
        const { id } = model.listeners[pick % model.listeners.length]!;
        model.unsubscribe(id);
        real.listeners.get(id)!.stop();
        real.listeners.delete(id);
      },
      (model) => model.listeners.length > 0,
    ),
  ),
  fc.record({ pick: fc.nat(), ok: fc.boolean(), n: fc.nat(3) }).map(({ pick, ok, n }) =>
    step(
      `settle(#${pick}, ${ok ? `v${n}` : `error e${n}`})`,
      (model, { real }) => {
        const { id } = model.pending[pick % model.pending.length]!;
        const call = real.calls[id - 1]!;
        if (ok) {
          model.settle(id, { value: `v${n}` });
          call.resolve(`v${n}`);
        } else {
          model.settle(id, { error: `e${n}` });
          call.reject(new Error(`e${n}`));
        }
      },
      (model) => model.pending.length > 0,
    ),
  ),
  fc.constant(
    step('clear()', (model, { real }) => {
      model.clear();
      real.cache.clear();
    }),
  ),
  fc.constantFrom(1, 400, STALE_TIME, GC_TIME).map((ms) =>
    step(`tick(${ms})`, (model, { clock }) => {
      model.tick(ms);
      clock.tick(ms);
    }),
  ),
];

/** Fails with what differs between the model and the real cache. */
function compare(model: CacheModel, real: RealCache): void {
  for (const k of KEYS) {
    const expected = model.entries.get(k);
    const actual = real.q.peek(k);
    const want = expected ? describe(expected) : 'no entry';
    const got = actual ? describe(actual) : 'no entry';
    if (want !== got) throw new Error(`entry ${k}: the model has "${want}", the cache "${got}"`);
    const fetched = real.calls.filter((call) => call.key === k).length;
    if (fetched !== (model.fetches.get(k) ?? 0)) {
      throw new Error(`entry ${k}: fetched ${fetched} times, the model ${model.fetches.get(k) ?? 0}`);
    }
  }
  for (const listener of model.listeners) {
    const heard = real.listeners.get(listener.id)!.heard.join(' | ');
    if (heard !== listener.heard.join(' | ')) {
      throw new Error(`listener #${listener.id} heard "${heard}", the model "${listener.heard.join(' | ')}"`);
    }
  }
}

export interface ModelCheckOptions {
  numRuns: number;
  seed?: number;
  /** Reasons of the unhandled rejections seen since the check began (the caller listens). */
  unhandled: () => unknown[];
}

/**
 * Checks the cache against the model over `numRuns` random command sequences. Throws fast-check's
 * report (with the seed and the shrunk sequence to replay) on the first disagreement, when a read
 * never settles, or on any unhandled rejection.
 */
export async function checkCacheAgainstModel({ numRuns, seed, unhandled }: ModelCheckOptions): Promise<void> {
  const property = fc.asyncProperty(fc.commands(steps, { maxCommands: 40 }), async (commands) => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const setup: Setup = { model: new CacheModel(), real: new RealCache(), clock };
    try {
      await fc.asyncModelRun(() => ({ model: setup.model, real: setup }), commands);
      // Every fetch settles in the end; then no read may be left waiting.
      for (const call of setup.real.calls) call.resolve('last');
      await flush();
      const waiting = setup.real.reads.filter((read) => !read.settled).length;
      if (waiting > 0) throw new Error(`${waiting} read(s) never settled`);
      if (unhandled().length > 0) throw new Error(`unhandled rejection: ${String(unhandled()[0])}`);
    } finally {
      for (const { stop } of setup.real.listeners.values()) stop();
      setup.real.cache.clear();
      clock.restore();
    }
  });
  await fc.assert(property, { numRuns, seed, verbose: 1 });
}
