// The installed package in Node, as a server-rendering framework (Next.js, Nuxt, SvelteKit,
// SolidStart, Astro) meets it: no window, no document, no HTMLElement. Each import runs in a
// fresh Node process in the scratch project, so one module cannot hide another's failure.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportedSubpaths, installed, isScript, packageFiles, runModule, targetsOf, twoAtATime } from './installed.mjs';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const pkg = installed();
const files = new Set(packageFiles(pkg.directory));
const subpaths = exportedSubpaths(pkg);

/** The first line of what a failed import printed: the error, not the minified source around it. */
const firstError = (stderr) => stderr.split('\n').find((line) => /\b\w*Error\b/.test(line)) ?? stderr.trim();

describe('the tarball', () => {
  it('holds every file that package.json points to', () => {
    const pointed = [
      pkg.manifest.main,
      pkg.manifest.types,
      pkg.manifest.customElements,
      ...Object.values(pkg.manifest.exports)
        .flatMap(targetsOf)
        .filter((target) => !target.includes('*')),
    ];
    for (const target of pointed) assert.ok(files.has(target.replace(/^\.\//, '')), `${target} is not in the tarball`);
  });

  it('has a .d.ts beside every module, so each typed subpath finds its types', () => {
    const modules = [...files].filter((file) => file.startsWith('dist/') && file.endsWith('.js'));
    assert.ok(modules.length > 10, `only ${modules.length} modules in dist/`);
    for (const module of modules) assert.ok(files.has(module.replace(/\.js$/, '.d.ts')), `${module} has no .d.ts`);
  });

  it('ships every stylesheet of src/ at the same path under dist/', () => {
    const sources = join(repository, 'src');
    const stylesheets = readdirSync(sources, { recursive: true })
      .filter((file) => file.endsWith('.css'))
      .map((file) => `dist/${file.split(sep).join('/')}`);
    for (const stylesheet of stylesheets) assert.ok(files.has(stylesheet), `${stylesheet} is not in the tarball`);
  });

  it('ships no tests', () => {
    const testFiles = [...files].filter((file) => /(^|\/)test\/|\.test\.|\.spec\./.test(file));
    assert.deepEqual(testFiles, []);
  });

  it('names a custom elements manifest that describes both elements', () => {
    const manifest = JSON.parse(readFileSync(join(pkg.directory, pkg.manifest.customElements), 'utf8'));
    const tags = manifest.modules.flatMap((module) => module.declarations ?? []).map((d) => d.tagName);
    assert.ok(tags.includes('prefetch-link'), 'no <prefetch-link> in the manifest');
    assert.ok(tags.includes('await-data'), 'no <await-data> in the manifest');
  });
});

describe('prefetch-elements/cache in Node', () => {
  it('serves a query from the cache, with no DOM and no timer left keeping Node alive', async () => {
    const { code, signal, stdout, stderr } = await runModule(
      pkg.project,
      `
      import { query, QueryCache } from 'prefetch-elements/cache';
      const cache = new QueryCache();
      let fetches = 0;
      const product = query(async (id) => { fetches++; return { id, name: 'Product ' + id }; }, 'product', { cache });
      const first = await product('42');
      const second = await product('42');
      console.log(JSON.stringify({
        dom: typeof document + ' ' + typeof HTMLElement,
        first,
        fetches,
        sameValue: first === second,
        registered: cache.get('product') === product,
      }));
      `,
      { timeout: 10_000 },
    );
    assert.equal(signal, null, 'the process did not exit on its own (a timer kept it alive?)');
    assert.equal(code, 0, firstError(stderr));
    assert.deepEqual(JSON.parse(stdout), {
      dom: 'undefined undefined',
      first: { id: '42', name: 'Product 42' },
      fetches: 1,
      sameValue: true,
      registered: true,
    });
  });
});

describe('every JavaScript subpath imports in Node with no DOM', () => {
  const scripts = subpaths.filter(isScript);
  // Two at a time, each in a process of its own; the tests below read the results in order.
  const imports = twoAtATime(
    scripts.map(
      ({ specifier }) =>
        () =>
          runModule(pkg.project, `await import(${JSON.stringify(specifier)});`),
    ),
  );
  scripts.forEach(({ specifier }, index) => {
    it(specifier, async () => {
      const { code, stderr } = (await imports)[index];
      assert.equal(code, 0, `import('${specifier}') threw: ${firstError(stderr)}`);
    });
  });
});

describe('stylesheet subpaths', () => {
  const sources = readdirSync(join(repository, 'src'), { recursive: true }).filter((file) => file.endsWith('.css'));
  const stylesheets = subpaths.filter(({ specifier }) => specifier.endsWith('.css'));
  it('resolve to the shipped stylesheets', { skip: sources.length === 0 && 'no stylesheet in src/ yet' }, async () => {
    assert.ok(stylesheets.length > 0, `src/ has ${sources.join(', ')} but exports no stylesheet`);
    for (const { specifier, targets } of stylesheets) {
      const { code, stdout, stderr } = await runModule(
        pkg.project,
        `console.log(import.meta.resolve(${JSON.stringify(specifier)}));`,
      );
      assert.equal(code, 0, firstError(stderr));
      const resolved = fileURLToPath(stdout.trim());
      assert.equal(`./${relative(pkg.directory, resolved).split(sep).join('/')}`, targets[0]);
      assert.ok(existsSync(resolved), `${specifier} resolves to ${resolved}, which does not exist`);
    }
  });
});
