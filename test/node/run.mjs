// Runs the Node tests: the framework-neutral cache must import and work with no DOM and no lit.
// The TypeScript sources are bundled with esbuild first (no prior `npm run build` needed).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPerFile } from '../../demo/ssr/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'node_modules', '.cache', 'prefetch-elements-node-test');
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: { cache: join(here, '..', '..', 'src', 'cache', 'index.ts') },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  metafile: true,
  logLevel: 'warning',
  outExtension: { '.js': '.mjs' },
});
// Every module a server-rendering framework may import, for server-import.test.mjs.
const serverOut = join(out, 'per-file');
await buildPerFile(serverOut);
process.env.PE_PER_FILE = serverOut;

// The model-based check of the cache (test/cache/model/), with fast-check and sinon, for Node.
await build({
  entryPoints: { model: join(here, '..', 'cache', 'model', 'run-model.ts') },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
  outExtension: { '.js': '.mjs' },
});
process.env.PE_MODEL_MODULE = join(out, 'model.mjs');

// Written for the tests to check: which files the cache bundle was built from.
const inputs = Object.keys(result.metafile.inputs);
process.env.PE_CACHE_INPUTS = JSON.stringify(inputs);
process.env.PE_CACHE_MODULE = join(out, 'cache.mjs');

const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => join(here, f));
// --expose-gc: cache-memory.test.mjs forces a collection to show what is left.
const run = spawnSync(process.execPath, ['--expose-gc', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(run.status ?? 1);
