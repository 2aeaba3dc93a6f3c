// npm run test:package: the package as a user meets it. Packs prefetch-elements the way
// `npm publish` would (the `prepack` script builds dist/), installs the tarball into a scratch
// project outside the repository, then runs the *.test.mjs files beside this one against that
// installed copy: Node imports, consumer type checks, publint and attw, and real browsers.
//
// PE_KEEP_SCRATCH=1 keeps the scratch folder (its path is printed) to look at after a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peerPackagesOfTypes, typesPackageOf } from './installed.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs npm quietly in `cwd`; on failure, throws with what npm printed. */
function runNpm(args, cwd) {
  const started = Date.now();
  // Under `npm test`, npm's own environment names this repository as the project; the scratch
  // install must find its project from `cwd` alone.
  const env = { ...process.env };
  delete env.npm_config_local_prefix;
  const result = spawnSync(npm, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`package: npm ${args[0]} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const scratch = mkdtempSync(join(tmpdir(), 'prefetch-elements-package-'));
let status = 1;
try {
  // `npm pack` runs `prepack` (the build), exactly as `npm publish` does.
  runNpm(['pack', '--pack-destination', scratch, '--loglevel=error'], root);
  const tarball = join(
    scratch,
    readdirSync(scratch).find((name) => name.endsWith('.tgz')),
  );

  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'scratch-consumer', private: true, type: 'module' }, null, 2),
  );
  // The package's own dependencies (lit, @lit/task, ...) come from the registry or npm's cache.
  runNpm(
    ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'],
    project,
  );

  // A user of `prefetch-elements/react` has React installed, and so on: link each framework
  // that the shipped .d.ts files name (and its @types package) from this repository's devDependencies.
  const linked = [];
  for (const name of peerPackagesOfTypes(project)) {
    for (const candidate of [name, typesPackageOf(name)]) {
      const source = join(root, 'node_modules', candidate);
      const target = join(project, 'node_modules', candidate);
      if (!existsSync(source) || existsSync(target)) continue;
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(source, target, 'dir');
      linked.push(candidate);
    }
  }
  console.log(`package: linked for the typing entries: ${linked.join(', ')}`);

  const tests = readdirSync(here)
    .filter((name) => name.endsWith('.test.mjs'))
    .map((name) => join(here, name));
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...tests], {
    stdio: 'inherit',
    env: { ...process.env, PE_PACKAGE_PROJECT: project, PE_PACKAGE_TARBALL: tarball },
  });
  status = run.status ?? 1;
} catch (error) {
  console.error(error.message);
} finally {
  if (process.env.PE_KEEP_SCRATCH) console.log(`package: scratch project kept in ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
