// npm run build (and `npm pack` / `npm publish`, through `prepack`): into dist/,
// - standard unbundled ESM per source file, with source maps;
// - a .d.ts (with its declaration map) per source file;
// - every src/**/*.css copied to the same relative path (exported as `prefetch-elements/NAME.css`);
// - one minified bundle, lit included, for a plain <script type="module"> with no build step, and
//   its .d.ts: the bundle exports exactly what the main entry does.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const bundleFile = join(dist, 'prefetch-elements.min.js');

/** Every file under `dir` whose name passes `wanted`. */
function filesUnder(dir, wanted) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && wanted(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const isModuleSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts');
const isStylesheet = (name) => name.endsWith('.css');

rmSync(dist, { recursive: true, force: true });

const modules = filesUnder(src, isModuleSource);
await build({
  entryPoints: modules,
  outdir: dist,
  outbase: src,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  // As written, not `\u0275`: the Angular CLI links a library file (prefetch-elements/angular)
  // only when its text contains the names `ɵɵngDeclare…`.
  charset: 'utf8',
  logLevel: 'warning',
});

await build({
  entryPoints: [join(src, 'index.ts')],
  outfile: bundleFile,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
writeFileSync(bundleFile.replace(/\.js$/, '.d.ts'), "export * from './index.js';\n");

const stylesheets = filesUnder(src, isStylesheet);
for (const stylesheet of stylesheets) {
  const target = join(dist, relative(src, stylesheet));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(stylesheet, target);
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--declarationMap'], {
  stdio: 'inherit',
});

console.log(
  `built ${modules.length} modules with their .d.ts, ${stylesheets.length} stylesheets and ${relative(root, bundleFile)}`,
);
