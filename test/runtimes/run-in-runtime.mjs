// Runs in Node, Deno or Bun, from the package's per-file build (the directory is the first
// argument): imports every entry with no DOM, renders worker.mjs's page, and prints one line of
// JSON with what it found, for runtimes.test.mjs to compare.
import { PACKAGE_ENTRIES } from '../helpers/package-entries.mjs';
import { PAGE, createWorker, readBody } from './worker.mjs';

const dir = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];

const imported = [];
const failed = {};
for (const entry of PACKAGE_ENTRIES) {
  try {
    await import(new URL(`${entry}.js`, `file://${dir}/`).href);
    imported.push(entry);
  } catch (error) {
    failed[entry] = String(error);
  }
}
const defined = ['prefetch-link', 'await-data'].filter((tag) => globalThis.customElements?.get(tag));

const cache = await import(new URL('cache/index.js', `file://${dir}/`).href);
const server = await import(new URL('server/index.js', `file://${dir}/`).href);
const worker = createWorker({ ...cache, ...server });
const response = await worker.fetch(new Request('http://localhost/products/7'));
const body = await readBody(response);

console.log(
  JSON.stringify({
    imported,
    failed,
    defined,
    contentType: response.headers.get('content-type'),
    page: PAGE.length,
    ...body,
  }),
);
