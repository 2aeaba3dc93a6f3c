// npm run build: standard unbundled ESM per source file plus .d.ts into dist/, and one minified
// bundle (lit included) for a plain <script type="module"> with no build step.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const dist = join(root, 'dist');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

rmSync(dist, { recursive: true, force: true });
const entryPoints = sources(src);
await build({
  entryPoints,
  outdir: dist,
  outbase: src,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
await build({
  entryPoints: [join(src, 'index.ts')],
  outfile: join(dist, 'prefetch-elements.min.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
console.log(
  `built ${entryPoints.length} modules, their .d.ts and ${relative(root, join(dist, 'prefetch-elements.min.js'))}`,
);
