// The package as a server-rendering framework meets it: every module of src/ built by esbuild
// per file (no bundling, so lit resolves to its own Node build, as it would for a user), into a
// directory inside the repository so that bare imports resolve from its node_modules.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src', import.meta.url));

/** Builds src/ per file into `outdir` (`.js` files, ES modules, as in the published package). */
export async function buildPerFile(outdir) {
  await build({
    entryPoints: [join(src, '**', '*.ts')],
    outdir,
    outbase: src,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
}
