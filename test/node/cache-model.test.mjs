// The cache checked against a reference model (test/cache/model/), in Node: thousands of random
// command sequences. A fixed seed by default, so CI is repeatable; MODEL_SEED=<n> replays another
// run (a failure prints its seed and the shrunk sequence), MODEL_RUNS=<n> runs more.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const runs = Number(process.env.MODEL_RUNS) || 2_000;
const seed = Number(process.env.MODEL_SEED) || 20261201;

describe('the cache against its reference model (Node)', () => {
  it(`agrees with the model after every command of ${runs} random sequences (seed ${seed})`, async () => {
    const { checkCacheAgainstModel } = await import(pathToFileURL(process.env.PE_MODEL_MODULE).href);
    const unhandled = [];
    const onUnhandled = (reason) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      console.log(`model check: ${runs} sequences, seed ${seed} (MODEL_SEED=${seed} replays it)`);
      await checkCacheAgainstModel({ numRuns: runs, seed, unhandled: () => unhandled });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
  });
});
