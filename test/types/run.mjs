// The type tests of the framework typing entries (`prefetch-elements/react`, `/preact`, `/solid`,
// `/vue`, `/svelte`): each framework's own checker compiles that entry's test file, where right
// uses must compile and each use marked `@ts-expect-error` (`@vue-expect-error` in Vue templates)
// must not, together with the framework's embedding test app. Run by `npm run typecheck`.
//
// `prefetch-elements/angular` is checked by Angular's own compiler against the installed package,
// in `npm run test:package` (test/package/angular.test.mjs): ngc reads a library's directives
// from its .d.ts, so it needs the package as published, not the sources.
//
// svelte-check does not honour `@ts-expect-error` in markup, so for Svelte this script does: every
// error must be on the line after such a comment, and every such comment must be followed by one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const project = (name) => join('test', 'types', name, 'tsconfig.json');

/** Runs a command (from node_modules/.bin, or Node itself) in the repository root; resolves with its exit code and output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command === 'node' ? process.execPath : bin(command), args, { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Checks svelte-check's errors against the `@ts-expect-error` comments of the files it checked. */
async function svelte() {
  const { output } = await run('svelte-check', ['--tsconfig', project('svelte'), '--output', 'machine-verbose']);
  const errors = output
    .split('\n')
    .map((line) => line.slice(line.indexOf(' ') + 1))
    .filter((json) => json.startsWith('{'))
    .map((json) => JSON.parse(json))
    .filter((d) => d.type === 'ERROR');
  const problems = [];
  const expected = new Map(); // "file:line" (1-based, of the marked line) -> the comment
  for (const file of new Set([join('test', 'types', 'svelte', 'Elements.svelte'), ...errors.map((e) => e.filename)])) {
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((text, i) => text.includes('<!-- @ts-expect-error') && expected.set(`${file}:${i + 2}`, text.trim()));
  }
  const hit = new Set();
  for (const e of errors) {
    const at = `${e.filename}:${e.start.line + 1}`;
    if (expected.has(at)) hit.add(at);
    else problems.push(`${at}:${e.start.character + 1} ${e.message}`);
  }
  for (const [at, comment] of expected) if (!hit.has(at)) problems.push(`${at} compiles, but ${comment}`);
  return { code: problems.length ? 1 : 0, output: problems.join('\n') };
}

const checks = {
  react: () => run('tsc', ['-p', project('react')]),
  preact: () => run('tsc', ['-p', project('preact')]),
  solid: () => run('tsc', ['-p', project('solid')]),
  vue: () => run('vue-tsc', ['-p', project('vue')]),
  svelte,
};

// Two at a time: each checker is one busy process, and machines here have two cores.
const names = Object.keys(checks);
const results = {};
await Promise.all(
  [0, 1].map(async () => {
    for (let name; (name = names.shift());) results[name] = await checks[name]();
  }),
);
let failed = 0;
for (const [name, { code, output }] of Object.entries(results)) {
  console.log(`types: ${name} ${code === 0 ? 'ok' : 'FAILED'}`);
  if (code !== 0) {
    failed++;
    console.log(output.trim());
  }
}
console.log(`types: ${Object.keys(results).length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
