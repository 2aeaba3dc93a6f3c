/**
 * Our query cache beside @tanstack/query-core, in one process, same data, same machine.
 *
 *   npm run bench        (node --expose-gc bench/cache.bench.mjs)
 *
 * Every figure is the median of RUNS runs, after a warm-up; each timed run lasts at least
 * MIN_RUN_MS. The two libraries alternate inside every run so that drift (thermal, JIT, GC
 * pressure) hits both alike. Time is the process's CPU time (user + system, which includes V8's
 * GC threads), not wall time: on a shared, loaded machine wall time swung 3x between runs while
 * CPU time stayed within a few percent. Set BENCH_CACHE_ENTRY to another `index.ts` to measure a variant of
 * the cache against the same baseline. The exit code is 0 even when a target is missed: this is
 * a measurement, not a test.
 */
import { build } from 'esbuild';
import { QueryClient, hashKey as tanstackHashKey } from '@tanstack/query-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './lib/stats.mjs';

const RUNS = 7;
const MIN_RUN_MS = 250;
const HIT_KEYS = 100;
/** Operations between two reads of the clock (a system call): 10 passes over the keys. */
const HIT_OPS = 10 * HIT_KEYS;
const CONCURRENT_CALLS = 10_000;
const MEMORY_ENTRIES = 100_000;
const MEMORY_RUNS = 5;

if (typeof globalThis.gc !== 'function') {
  console.error('Run with --expose-gc (npm run bench) to measure heap bytes per entry.');
  process.exit(1);
}

// --- Our cache, compiled from the TypeScript source ---------------------------------------------

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheEntry = resolve(root, process.env.BENCH_CACHE_ENTRY ?? 'src/cache/index.ts');
const tmp = mkdtempSync(join(tmpdir(), 'prefetch-elements-bench-'));
const outfile = join(tmp, 'cache.mjs');
await build({
  entryPoints: [cacheEntry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile,
  logLevel: 'error',
});
const { query, QueryCache } = await import(pathToFileURL(outfile).href);
rmSync(tmp, { recursive: true, force: true });

// --- Helpers ------------------------------------------------------------------------------------

const settleTimers = () => new Promise((done) => setTimeout(done, 20));

/** CPU time of this process in ms. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs `batch` (which does `opsPerBatch` operations) until MIN_RUN_MS have passed: ops/s. */
async function opsPerSecond(batch, opsPerBatch) {
  let ops = 0;
  const start = cpuNow();
  let elapsed;
  do {
    await batch();
    ops += opsPerBatch;
    elapsed = cpuNow() - start;
  } while (elapsed < MIN_RUN_MS);
  return (ops / elapsed) * 1000;
}

/** Same as `opsPerSecond` for synchronous work, without an `await` between batches. */
function syncOpsPerSecond(batch, opsPerBatch) {
  let ops = 0;
  const start = cpuNow();
  let elapsed;
  do {
    batch();
    ops += opsPerBatch;
    elapsed = cpuNow() - start;
  } while (elapsed < MIN_RUN_MS);
  return (ops / elapsed) * 1000;
}

/** Runs every case once per run (alternating), RUNS times after one warm-up: the medians. */
async function compare(cases) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let run = -1; run < RUNS; run++) {
    for (const [name, measure] of Object.entries(cases)) {
      const value = await measure();
      if (run >= 0) samples[name].push(value);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

// --- 1. Awaited cache hit ---------------------------------------------------------------------

const DATA = Object.freeze({ name: 'lamp', price: 42 });
const ids = Array.from({ length: HIT_KEYS }, (_, i) => 'p' + i);

async function hitCase() {
  const ourCache = new QueryCache();
  const product = query(async (id) => ({ id, ...DATA }), 'p', { cache: ourCache, staleTime: Infinity });
  const client = new QueryClient();
  const queryFn = async ({ queryKey }) => ({ id: queryKey[1], ...DATA });
  const map = new Map();
  for (const id of ids) {
    await product(id);
    await client.fetchQuery({ queryKey: ['p', id], queryFn, staleTime: Infinity });
    map.set(id, Promise.resolve({ id, ...DATA }));
  }
  const fresh = ids[7];
  const sameHitPromise = product(fresh) === product(fresh);
  const sameTanstackPromise =
    client.fetchQuery({ queryKey: ['p', fresh], queryFn, staleTime: Infinity }) ===
    client.fetchQuery({ queryKey: ['p', fresh], queryFn, staleTime: Infinity });

  let sink = 0;
  const medians = await compare({
    ours: () =>
      opsPerSecond(async () => {
        for (let i = 0; i < HIT_OPS; i++) sink += (await product(ids[i % HIT_KEYS])).price;
      }, HIT_OPS),
    tanstack: () =>
      opsPerSecond(async () => {
        for (let i = 0; i < HIT_OPS; i++) {
          sink += (await client.fetchQuery({ queryKey: ['p', ids[i % HIT_KEYS]], queryFn, staleTime: Infinity })).price;
        }
      }, HIT_OPS),
    map: () =>
      opsPerSecond(async () => {
        for (let i = 0; i < HIT_OPS; i++) sink += (await map.get(ids[i % HIT_KEYS])).price;
      }, HIT_OPS),
  });
  if (sink === -1) console.log(sink);
  ourCache.clear();
  client.clear();
  return { ...medians, sameHitPromise, sameTanstackPromise };
}

// --- 2. 10 000 concurrent calls for one key ---------------------------------------------------

async function concurrentCase() {
  const calls = { ours: 0, tanstack: 0 };
  const slowValue = (counter) => () => {
    calls[counter]++;
    return new Promise((done) => setImmediate(done, DATA));
  };
  const ourFetcher = slowValue('ours');
  const queryFn = slowValue('tanstack');
  const batches = { ours: 0, tanstack: 0 };
  const fetchesPerBatch = { ours: new Set(), tanstack: new Set() };

  async function oneBatch(lib) {
    const before = calls[lib];
    const reads = new Array(CONCURRENT_CALLS);
    if (lib === 'ours') {
      const ourCache = new QueryCache();
      const x = query(ourFetcher, 'x', { cache: ourCache });
      for (let i = 0; i < CONCURRENT_CALLS; i++) reads[i] = x('x');
      await Promise.all(reads);
      ourCache.clear();
    } else {
      const client = new QueryClient();
      for (let i = 0; i < CONCURRENT_CALLS; i++) reads[i] = client.fetchQuery({ queryKey: ['x'], queryFn });
      await Promise.all(reads);
      client.clear();
    }
    batches[lib]++;
    fetchesPerBatch[lib].add(calls[lib] - before);
  }
  // ms per batch: the inverse of batches per second.
  const perBatchMs = (lib) => opsPerSecond(() => oneBatch(lib), 1).then((perSecond) => 1000 / perSecond);
  const medians = await compare({ ours: () => perBatchMs('ours'), tanstack: () => perBatchMs('tanstack') });
  await settleTimers();
  return {
    ...medians,
    oursCalls: [...fetchesPerBatch.ours].join('/'),
    tanstackCalls: [...fetchesPerBatch.tanstack].join('/'),
  };
}

// --- 3. Key hashing of a nested object arg ----------------------------------------------------

function hashCase() {
  const categories = ['lamps', 'chairs', 'tables', 'rugs', 'beds', 'shelves', 'sofas', 'desks'];
  const args = Array.from({ length: 64 }, (_, i) => ({
    filters: {
      category: categories[i % categories.length],
      price: { min: 10 + (i % 5), max: 200 + i },
      tags: ['a', 'b', String.fromCharCode(99 + (i % 20))],
    },
    page: i % 7,
    sort: i % 2 ? 'price' : 'name',
  }));
  const search = query(async () => DATA, 'search', { cache: new QueryCache() });
  const sameShape = (a, b) => a.replace(/^search/, '') === b.replace(/^\["search",/, '[');
  const equalKeys = sameShape(search.key(args[0]), tanstackHashKey(['search', args[0]]));
  let sink = 0;
  const batch = 10 * args.length;
  const medians = compare({
    ours: () =>
      syncOpsPerSecond(() => {
        for (let i = 0; i < batch; i++) sink += search.key(args[i % args.length]).length;
      }, batch),
    tanstack: () =>
      syncOpsPerSecond(() => {
        for (let i = 0; i < batch; i++) sink += tanstackHashKey(['search', args[i % args.length]]).length;
      }, batch),
  });
  return medians.then((m) => ({ ...m, equalKeys, sink }));
}

// --- 4. Heap bytes per cached entry -----------------------------------------------------------

function fullGc() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** Heap growth per entry of `fill(n)`, measured alone: the cache it returns is kept alive meanwhile. */
async function bytesPerEntry(fill, n) {
  await settleTimers();
  const before = fullGc();
  const holder = await fill(n);
  await settleTimers(); // TanStack flushes its notifications in a setTimeout(0)
  const after = fullGc();
  holder.clear();
  await settleTimers();
  fullGc();
  return (after - before) / n;
}

const CHUNK = 1000;
async function fillOurs(n) {
  const cache = new QueryCache();
  const product = query(async () => DATA, 'p', { cache });
  for (let i = 0; i < n; i += CHUNK) {
    const reads = [];
    for (let j = i; j < Math.min(n, i + CHUNK); j++) reads.push(product(j));
    await Promise.all(reads);
  }
  return cache;
}
/** `gcTime` undefined: TanStack's default, which in Node is Infinity (no timer per query). */
async function fillTanstack(n, gcTime) {
  const client = new QueryClient();
  const queryFn = async () => DATA;
  for (let i = 0; i < n; i += CHUNK) {
    const reads = [];
    for (let j = i; j < Math.min(n, i + CHUNK); j++)
      reads.push(client.fetchQuery({ queryKey: ['p', j], queryFn, gcTime }));
    await Promise.all(reads);
  }
  return client;
}
/** TanStack with its browser default `gcTime` (5 min): one timer per query, as in a page. */
const fillTanstackWithTimers = (n) => fillTanstack(n, 300_000);

async function memoryCase() {
  const fills = { ours: fillOurs, tanstack: fillTanstack, tanstackWithTimers: fillTanstackWithTimers };
  const samples = { ours: [], tanstack: [], tanstackWithTimers: [] };
  // Warm-up: compile every path before measuring.
  for (const fill of Object.values(fills)) await bytesPerEntry(fill, 2000);
  for (let run = 0; run < MEMORY_RUNS; run++) {
    for (const [name, fill] of Object.entries(fills)) samples[name].push(await bytesPerEntry(fill, MEMORY_ENTRIES));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

// --- Report -------------------------------------------------------------------------------------

const group = (n, digits = 0) => {
  const [whole, fraction] = Math.abs(n).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return (n < 0 ? '-' : '') + grouped + (fraction ? '.' + fraction : '');
};
const ratio = (a, b) => (a / b).toFixed(2) + 'x';

console.log(`prefetch-elements cache vs @tanstack/query-core ${tanstackVersion()}`);
console.log(
  `node ${process.version} (${process.platform} ${process.arch}), median of ${RUNS} runs of >= ${MIN_RUN_MS} ms after a warm-up`,
);
console.log(`cache source: ${cacheEntry.replace(root + '/', '')}`);
console.log('');

const hit = await hitCase();
const concurrent = await concurrentCase();
const hashing = await hashCase();
const memory = await memoryCase();

const rows = [
  ['case', 'prefetch-elements', '@tanstack/query-core', 'ratio'],
  ['awaited cache hit (ops/s, median)', group(hit.ours), group(hit.tanstack), ratio(hit.ours, hit.tanstack)],
  [
    '  limit: bare Map of resolved promises',
    group(hit.map) + ' (Map)',
    group(hit.tanstack),
    ratio(hit.map, hit.tanstack),
  ],
  ['  a hit returns the same promise', String(hit.sameHitPromise), String(hit.sameTanstackPromise), ''],
  ['10 000 concurrent calls: fetcher calls', concurrent.oursCalls, concurrent.tanstackCalls, ''],
  [
    '10 000 concurrent calls (ms/batch)',
    group(concurrent.ours, 2),
    group(concurrent.tanstack, 2),
    ratio(concurrent.ours, concurrent.tanstack),
  ],
  [
    'nested object key hash (ops/s)',
    group(hashing.ours),
    group(hashing.tanstack),
    ratio(hashing.ours, hashing.tanstack),
  ],
  [
    `heap bytes per entry (${group(MEMORY_ENTRIES)})`,
    group(memory.ours),
    group(memory.tanstack),
    ratio(memory.ours, memory.tanstack),
  ],
  [
    '  TanStack with gcTime 300 000 (browser)',
    group(memory.ours),
    group(memory.tanstackWithTimers),
    ratio(memory.ours, memory.tanstackWithTimers),
  ],
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
const line = (row) =>
  row
    .map((cell, column) => cell.padEnd(widths[column]))
    .join(' | ')
    .trimEnd();
console.log(line(rows[0]));
console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
for (const row of rows.slice(1)) console.log(line(row));
console.log('');
console.log('ratio = prefetch-elements / @tanstack/query-core: higher is better for ops/s, lower for ms and bytes.');
console.log(
  "TanStack's defaults in Node: staleTime 0, gcTime Infinity (5 min in a browser, with one timer per query);",
);
console.log(
  'ours: staleTime 30 s (Infinity in the hit case, like TanStack there), gcTime 5 min with one timer per cache.',
);
if (!hashing.equalKeys)
  console.log('note: the two key formats differ beyond the query name (expected: both sort object keys).');

const targets = [
  [
    'awaited hit >= 7x TanStack',
    hit.ours >= 7 * hit.tanstack,
    `${ratio(hit.ours, hit.tanstack)} (bare Map limit ${ratio(hit.map, hit.tanstack)}; ours is ${((hit.ours / hit.map) * 100).toFixed(0)}% of the Map)`,
  ],
  ['a hit allocates no new promise', hit.sameHitPromise, `q(id) === q(id): ${hit.sameHitPromise}`],
  [
    'one fetcher call for 10 000 concurrent reads',
    concurrent.oursCalls === '1',
    `${concurrent.oursCalls} call(s) per batch (TanStack: ${concurrent.tanstackCalls})`,
  ],
  [
    'bytes per entry <= 0.25x TanStack in a page',
    memory.ours <= 0.25 * memory.tanstackWithTimers,
    `${group(memory.ours)} vs ${group(memory.tanstackWithTimers)} B with its browser gcTime (${ratio(memory.ours, memory.tanstackWithTimers)}; budget ${group(memory.tanstackWithTimers / 4)} B); ${ratio(memory.ours, memory.tanstack)} of its Node default`,
  ],
];
console.log('');
console.log('targets');
const targetWidth = Math.max(...targets.map(([name]) => name.length));
for (const [name, met, detail] of targets) {
  console.log(`  ${(met ? 'met' : 'NOT MET').padEnd(7)}  ${name.padEnd(targetWidth)}  ${detail}`);
}

function tanstackVersion() {
  return createRequire(import.meta.url)('@tanstack/query-core/package.json').version;
}
