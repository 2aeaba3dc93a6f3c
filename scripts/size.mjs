/**
 * Min+gzip size of the cache and of the whole library (without lit / @lit/task), beside
 * @tanstack/query-core measured the same way: esbuild bundle, minify, ESM, then gzip level 9.
 *
 *   npm run size
 *
 * Exits non-zero when one of our figures is over its budget, so CI can run it as a guard.
 */
import { build, version as esbuildVersion } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const withoutLit = ['lit', 'lit/*', '@lit/task', '@lit/*'];

/** Bundles one entry (a file, or source text resolved from the package root) and gzips it. */
async function minGzipBytes({ entry, contents, external = [] }) {
  const result = await build({
    ...(contents ? { stdin: { contents, resolveDir: root, loader: 'js' } } : { entryPoints: [resolve(root, entry)] }),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    write: false,
    external,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** Measures a row; a build that fails (a module being written) becomes `n/a` instead of a crash. */
async function measure(row) {
  try {
    return { ...row, ...(await minGzipBytes(row)) };
  } catch (error) {
    const reason = (error.errors?.[0]?.text ?? error.message).split('\n')[0];
    return { ...row, failure: reason };
  }
}

// What a user pays for, feature by feature: each row imports what such a user imports, and the
// bundler drops the rest (the modules are free of side effects but for the two that define the
// elements). Budgets: see README, "Size and speed".
const cacheCore = "export { query, QueryCache, defaultCache, defer } from './src/cache/index.ts';";
const rows = await Promise.all(
  [
    { name: 'cache: query, QueryCache, defer', contents: cacheCore, budget: 3100 },
    {
      name: 'cache + sessionPersister (multi-page hand-off)',
      contents: cacheCore + "export { sessionPersister } from './src/cache/index.ts';",
      budget: 4100,
    },
    {
      name: 'both elements, registry and cache (no lit)',
      contents:
        "export { query, defer, registerPreload, PrefetchLinkElement, AwaitDataElement } from './src/index.ts';",
      external: withoutLit,
      budget: 10000,
    },
    { name: 'main entry, everything (no lit)', entry: 'src/index.ts', external: withoutLit, budget: 11000 },
    // What a plain-HTML page downloads: the one-file bundle, lit and @lit/task included.
    { name: 'main entry with lit (the one-file bundle)', entry: 'src/index.ts' },
    { name: 'quicklink (document prefetch only)', contents: "export * from 'quicklink';" },
    { name: '@tanstack/query-core (whole entry)', contents: "export * from '@tanstack/query-core';" },
    { name: '@tanstack/query-core QueryClient alone', contents: "export { QueryClient } from '@tanstack/query-core';" },
  ].map(measure),
);

/** Whether a row is within its budget, in words; empty for a row without one. */
function budgetStatus(row) {
  if (!row.budget) return '';
  if (row.failure) return 'not measured';
  return row.gzip <= row.budget ? 'within' : 'OVER';
}

const group = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const queryClient = rows.at(-1).gzip;
const table = [
  ['module', 'min', 'min+gzip', 'budget', 'status', 'vs QueryClient'],
  ...rows.map((row) => [
    row.name,
    row.failure ? 'n/a' : group(row.min),
    row.failure ? `n/a (build failed: ${row.failure})` : group(row.gzip),
    row.budget ? group(row.budget) : '-',
    budgetStatus(row),
    row.failure || !queryClient ? '' : (row.gzip / queryClient).toFixed(2) + 'x',
  ]),
];
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
const line = (row) =>
  row
    .map((cell, column) => cell.padEnd(widths[column]))
    .join(' | ')
    .trimEnd();

const tanstack = createRequire(import.meta.url)('@tanstack/query-core/package.json').version;
console.log(`min+gzip bytes: esbuild ${esbuildVersion} (bundle, minify, esm, es2022), gzip level 9`);
console.log(`lit, lit/*, @lit/task and @lit/* are external; @tanstack/query-core ${tanstack}`);
console.log('');
console.log(line(table[0]));
console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
for (const row of table.slice(1)) console.log(line(row));

const over = rows.filter((row) => row.budget && !row.failure && row.gzip > row.budget);
const unmeasured = rows.filter((row) => row.budget && row.failure);
console.log('');
for (const row of unmeasured) console.log(`not measured: ${row.name} did not build (${row.failure})`);
for (const row of over) console.log(`OVER BUDGET: ${row.name} is ${group(row.gzip)} B, budget ${group(row.budget)} B`);
if (!over.length) console.log('every measured module is within its budget');
process.exitCode = over.length ? 1 : 0;
