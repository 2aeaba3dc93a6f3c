// What the package tests know about the installed copy of prefetch-elements: where it is, which
// subpaths its package.json exports (so a new entry is checked without touching these tests),
// and how to run code in the scratch project the way a user's own module runs.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';

export const NAME = 'prefetch-elements';

/** The scratch project (set by run.mjs) and the installed package inside it. */
export function installed(project = process.env.PE_PACKAGE_PROJECT) {
  if (!project) throw new Error('run the package tests with `npm run test:package` (it packs and installs first)');
  const directory = join(project, 'node_modules', NAME);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  return { project, directory, manifest };
}

/** Every file of the installed package, as paths relative to its folder with `/` separators. */
export function packageFiles(directory) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The files an `exports` target names under every condition (`{ node, default }` gives two). */
export function targetsOf(target) {
  return typeof target === 'string' ? [target] : Object.values(target).flatMap(targetsOf);
}

/**
 * The subpaths of `exports`, each as the specifier a user writes. A pattern (`./*.css`) is
 * expanded over the files it matches in the package, so each stylesheet is its own subpath.
 */
export function exportedSubpaths({ manifest, directory }) {
  const files = packageFiles(directory);
  return Object.entries(manifest.exports).flatMap(([subpath, target]) => {
    if (!subpath.includes('*')) {
      return [{ subpath, specifier: posix.join(NAME, subpath), targets: targetsOf(target) }];
    }
    const [pattern] = targetsOf(target);
    return files.flatMap((file) => {
      const match = matchPattern(pattern.replace(/^\.\//, ''), file);
      if (match === undefined) return [];
      const expanded = subpath.replaceAll('*', match);
      return [{ subpath: expanded, specifier: posix.join(NAME, expanded), targets: [`./${file}`] }];
    });
  });
}

/** What `*` stands for when `file` matches `pattern` (every `*` standing for the same text). */
function matchPattern(pattern, file) {
  const [head, ...tails] = pattern.split('*').map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${head}([^/]+)${tails.join('\\1')}$`).exec(file)?.[1];
}

/** Whether a subpath is JavaScript (as opposed to a stylesheet or package.json). */
export const isScript = ({ targets }) => targets.every((target) => target.endsWith('.js'));

/**
 * The packages that the shipped .d.ts files import or augment but the package does not depend on:
 * the frameworks that a typing entry such as `prefetch-elements/react` is for.
 */
export function peerPackagesOfTypes(project) {
  const { directory, manifest } = installed(project);
  const own = new Set([NAME, ...Object.keys(manifest.dependencies ?? {})]);
  const names = new Set();
  for (const file of packageFiles(directory).filter((name) => name.endsWith('.d.ts'))) {
    const text = readFileSync(join(directory, file), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import|declare module)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)) {
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (!own.has(name) && !builtinModules.includes(name) && !name.startsWith('node:')) names.add(name);
    }
  }
  return [...names];
}

/** The DefinitelyTyped package of `name`: `@types/react`, `@types/scope__name`. */
export const typesPackageOf = (name) => `@types/${name.replace(/^@/, '').replace('/', '__')}`;

/**
 * Runs `source` as an ES module in the scratch project (so bare specifiers resolve from its
 * node_modules, with the `node` and `import` conditions). Resolves with exit code, the signal
 * that ended it (when it ran past `timeout` ms) and what it printed.
 */
export function runModule(project, source, { timeout = 20_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', source], { cwd: project, timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `tasks` (functions returning promises) two at a time; resolves with their results in order. */
export async function twoAtATime(tasks) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}
