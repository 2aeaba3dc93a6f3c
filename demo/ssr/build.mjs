// Builds what the server-rendered demo, its tests (test/ssr/) and its benchmarks run, from the
// sources, with no prior `npm run build`: the server entry and the cache as Node modules (one file
// per source file, so `parse5-html-rewriting-stream` resolves from node_modules as it would for a
// user), and the library as one browser module.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'node_modules', '.cache', 'prefetch-elements-ssr');

/**
 * The package as a server-rendering framework meets it: every module of src/ built by esbuild per
 * file (no bundling, so lit resolves to its own Node build, as it would for a user) into `outdir`,
 * `.js` files that are ES modules, as in the published package. Put `outdir` inside the repository
 * so that bare imports resolve from its node_modules.
 */
export async function buildPerFile(outdir) {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(root, 'src', '**', '*.ts')],
    outdir,
    outbase: join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
}

let serverModules;
/**
 * The server entry and the cache, built once per process.
 * @returns {Promise<{server: typeof import('../../src/server/index.ts'), cache: typeof import('../../src/cache/index.ts')}>}
 */
export function loadServerModules() {
  serverModules ??= (async () => {
    await buildPerFile(out);
    const load = (path) => import(pathToFileURL(join(out, path)).href);
    return { server: await load('server/index.js'), cache: await load('cache/index.js') };
  })();
  return serverModules;
}

/**
 * A browser module and everything it imports (the library, lit) as one ES module.
 * @param {{entry?: string, minify?: boolean}} [options] `entry` defaults to the library, src/index.ts
 * @returns {Promise<string>}
 */
export async function buildLibrary({ entry = join(root, 'src', 'index.ts'), minify = false } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify,
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}
