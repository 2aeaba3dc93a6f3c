// Runs the Node tests: the framework-neutral cache must import and work with no DOM and no lit.
// The TypeScript sources are bundled with esbuild first (no prior `npm run build` needed).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
// Written for the tests to check: which files the cache bundle was built from.
const inputs = Object.keys(result.metafile.inputs);
process.env.PE_CACHE_INPUTS = JSON.stringify(inputs);
process.env.PE_CACHE_MODULE = join(out, 'cache.mjs');

const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => join(here, f));
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(run.status ?? 1);
