// The installed package as TypeScript and the ecosystem's package checkers see it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportedSubpaths, installed, isScript } from './installed.mjs';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const pkg = installed();
const tarball = process.env.PE_PACKAGE_TARBALL;

/** Runs a tool of this repository's node_modules; resolves with exit code and all it printed. */
function runTool(path, args, cwd = pkg.project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repository, 'node_modules', path), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output: output.trim() }));
  });
}

/**
 * The consumer project: usage.ts (real uses of the API) and subpaths.ts, which imports every
 * typed subpath of `exports`, so an entry added to package.json is type-checked with no edit here.
 */
function writeConsumer() {
  const consumer = join(pkg.project, 'consumer');
  mkdirSync(consumer, { recursive: true });
  copyFileSync(fileURLToPath(new URL('consumer/usage.mts', import.meta.url)), join(consumer, 'usage.ts'));
  const typed = exportedSubpaths(pkg).filter(isScript);
  assert.ok(typed.length >= 8, `only ${typed.length} JavaScript subpaths in exports`);
  const lines = typed.map(({ specifier }, index) => `import type * as entry${index} from '${specifier}';`);
  lines.push(`export type Entries = [${typed.map((_, index) => `typeof entry${index}`).join(', ')}];`);
  writeFileSync(join(consumer, 'subpaths.ts'), `${lines.join('\n')}\n`);
  return consumer;
}

const consumer = writeConsumer();

describe('a TypeScript consumer of the installed package', () => {
  // `bundler` also checks every .d.ts it reads (ours, lit's, the frameworks'), as a project with
  // TypeScript's own default `skipLibCheck: false` does; `node16` checks resolution and our API.
  const settings = {
    bundler: { module: 'esnext', moduleResolution: 'bundler', skipLibCheck: false },
    node16: { module: 'node16', moduleResolution: 'node16', skipLibCheck: true },
  };
  // Both checks start at once: each is one busy process, and machines here have two cores.
  const checks = Object.fromEntries(
    Object.entries(settings).map(([name, options]) => {
      const tsconfig = join(consumer, `tsconfig.${name}.json`);
      const compilerOptions = {
        ...options,
        target: 'es2022',
        lib: ['es2022', 'dom', 'dom.iterable'],
        strict: true,
        noEmit: true,
        types: [],
      };
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files: ['usage.ts', 'subpaths.ts'] }, null, 2));
      return [name, runTool('typescript/bin/tsc', ['-p', tsconfig])];
    }),
  );
  for (const name of Object.keys(settings)) {
    it(`type-checks with moduleResolution ${name}`, async () => {
      const { code, output } = await checks[name];
      assert.equal(code, 0, output);
    });
  }
});

describe('package checkers on the tarball', () => {
  it('publint finds no error', async () => {
    const { code, output } = await runTool('publint/src/cli.js', ['run', tarball]);
    console.log(output);
    assert.equal(code, 0, output);
    assert.doesNotMatch(output, /^Errors:/m);
  });

  it('attw (Are the Types Wrong?) finds no problem', async () => {
    const { code, output } = await runTool('@arethetypeswrong/cli/dist/index.js', [
      tarball,
      '--format',
      'table',
      // The package is ESM only, as lit is: a CommonJS `require()` of it is a dynamic import in
      // TypeScript's eyes (and `require(esm)` in Node 20.19+), which is what this rule reports.
      '--ignore-rules',
      'cjs-resolves-to-esm',
    ]);
    console.log(output);
    assert.equal(code, 0, output);
  });
});
