// Nothing leaks (issue 12): 100 000 cache entries made (read, prefetched, subscribed to and left,
// invalidated, failed), then collected: no entry, subscription or timer is left, and the heap is
// back within 10 % of where it started after a forced collection. Run by `npm run test:leaks`.
import { expect } from '@open-wc/testing';
import { query, QueryCache, type Query } from '../../src/cache/index.js';
import { nextTask } from '../helpers/deferred.js';
import { canMeasureHeap, heapAfterGc, printFigures } from '../helpers/leaks.js';
import { fakeClock } from '../helpers/timers.js';

const ENTRIES = 100_000;
const TOLERANCE = 0.1;
const GC_TIME = 1_000;

describe('nothing leaks', () => {
  before(function () {
    if (!canMeasureHeap()) throw new Error('run by npm run test:leaks: Chromium with --js-flags=--expose-gc');
  });

  it(`the cache: ${ENTRIES} entries made and collected leave no entry, subscription or timer`, async function () {
    this.timeout(120_000);
    const clock = fakeClock(Date.now());
    try {
      const cache = new QueryCache({ staleTime: 500, gcTime: GC_TIME });
      let subscriptions = 0;
      // Values of some size, as a real response's; every fifth fetch fails.
      const fetcher = async (id: number | { id: number }) => {
        const n = typeof id === 'number' ? id : id.id;
        if (n % 5 === 4) throw new Error(`no ${n}`);
        return { id: n, name: `Product ${n}`, tags: ['a', 'b', String(n)] };
      };
      const product = query(fetcher, 'leak-entries', { cache }) as Query<unknown[], unknown>;
      /** Makes entry `n`: by id or by an object (the two maps an entry can live in), in several ways. */
      const make = async (n: number) => {
        const args = n % 2 === 0 ? [n] : [{ id: n }];
        const way = n % 4;
        if (way === 0) await product(...args).catch(() => {});
        if (way === 1) product.prefetch(args);
        if (way === 2) {
          subscriptions++;
          const stop = product.subscribe(args, () => {});
          await nextTask();
          stop();
          subscriptions--;
        }
        if (way === 3) {
          product.prefetch(args);
          product.invalidate(...args);
        }
      };
      const makeAll = async (from: number, to: number) => {
        for (let n = from; n < to; n++) {
          const made = make(n);
          if (n % 1000 === 999) await made; // in batches, as a page would
        }
        await nextTask();
      };
      await makeAll(-1000, 0); // warm up
      clock.tick(GC_TIME);
      const baseline = await heapAfterGc();
      await makeAll(0, ENTRIES);
      const stillThere = [0, 1, ENTRIES - 2, ENTRIES - 1].filter((n) => product.peek(n % 2 ? { id: n } : n)).length;
      const peak = await heapAfterGc();
      clock.tick(GC_TIME);
      const after = await heapAfterGc();
      let entries = 0;
      for (let n = -1000; n < ENTRIES; n++) if (product.peek(n % 2 ? { id: n } : n)) entries++;
      const held = { entries, subscriptions, timers: clock.countTimers() };
      printFigures({ what: `the cache, ${ENTRIES} entries`, baseline, peak, after, held });
      expect(stillThere, 'entries there before their gcTime').to.equal(4);
      expect(held).to.deep.equal({ entries: 0, subscriptions: 0, timers: 0 });
      expect(after, 'heap after').to.be.at.most(baseline * (1 + TOLERANCE));
    } finally {
      clock.restore();
    }
  });
});
