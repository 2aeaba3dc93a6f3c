// `prefetch-elements/angular` in an Angular 20 project built against the installed package, as a
// user builds one, with Angular's own tools:
// - ngc, under the compiler options `ng new` writes (strictTemplates), compiles consumer/angular/:
//   right.ts (every input and output of both directives, used rightly) with no diagnostic, and
//   wrong.ts with an error on each line marked `<!-- expect CODE: why -->`, of that code, and
//   nowhere else. ngc reads the directives from the package's .d.ts, as from any library.
// - The app (main.ts, which bootstraps right.ts's component) is compiled ahead of time and bundled
//   the way the Angular CLI bundles one: every file that the linker's own `needsLinking()` says
//   holds partial declarations (`ɵɵngDeclare…` calls) goes through the linker's Babel plugin, and
//   no `@angular/compiler` is bundled, so a declaration left unlinked fails. It runs in Chromium
//   and Firefox: each input reaches its element, each event its handler.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { needsLinking } from '@angular/compiler-cli/linker';
import linkerPlugin from '@angular/compiler-cli/linker/babel';
import { transformAsync } from '@babel/core';
import { build } from 'esbuild';
import { serveFiles } from '../../bench/lib/chromium.mjs';
import { browsers } from './browsers.mjs';
import { installed, runModule } from './installed.mjs';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const pkg = installed();
const app = join(pkg.project, 'angular');
const compilerCli = dirname(fileURLToPath(import.meta.resolve('@angular/compiler-cli/package.json')));
const ngcBin = join(compilerCli, JSON.parse(readFileSync(join(compilerCli, 'package.json'), 'utf8')).bin.ngc);

/** The contract of each directive: what its run-time definition must say once linked. */
const DIRECTIVES = {
  AwaitDataDirective: {
    selectors: [['await-data']],
    inputs: ['promise', 'query', 'args', 'cache', 'renderer', 'fallbackDelay', 'fallbackMin', 'queryTimeout'],
    outputs: ['pending', 'fulfilled', 'rejected'],
  },
  PrefetchLinkDirective: {
    selectors: [['prefetch-link']],
    inputs: ['trigger', 'delay', 'href', 'preload'],
    outputs: ['prefetchstart', 'prefetchend', 'prefetcherror'],
  },
};

/**
 * The scratch project's Angular app: the consumer files as .ts, a tsconfig for the type check and
 * one for the app, each with the options of a project that `ng new` (Angular 20) makes.
 */
function writeProject() {
  mkdirSync(app, { recursive: true });
  for (const name of ['right', 'wrong', 'main']) {
    copyFileSync(fileURLToPath(new URL(`consumer/angular/${name}.mts`, import.meta.url)), join(app, `${name}.ts`));
  }
  // What `ng new` installs beside the compiler: run.mjs linked @angular/core (the package's .d.ts
  // names it); the app needs @angular/platform-browser too, and tslib (`importHelpers`).
  for (const name of ['@angular/core', '@angular/platform-browser', 'tslib']) {
    const target = join(pkg.project, 'node_modules', name);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(repository, 'node_modules', name), target, 'dir');
  }
  const compilerOptions = {
    strict: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    skipLibCheck: true,
    isolatedModules: true,
    experimentalDecorators: true,
    importHelpers: true,
    target: 'ES2022',
    module: 'preserve',
    types: [],
    outDir: 'out',
  };
  const angularCompilerOptions = {
    enableI18nLegacyMessageIdFormat: false,
    strictInjectionParameters: true,
    strictInputAccessModifiers: true,
    typeCheckHostBindings: true,
    strictTemplates: true,
  };
  const projects = { check: ['right.ts', 'wrong.ts'], app: ['main.ts'] };
  for (const [name, files] of Object.entries(projects)) {
    const tsconfig = { compilerOptions, angularCompilerOptions, files };
    writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify(tsconfig, null, 2));
  }
}

/** Runs ngc on one of the app's tsconfigs; resolves with its exit code, what it printed, and its time. */
function ngc(project) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ngcBin, '-p', `tsconfig.${project}.json`], { cwd: app });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`angular: ngc -p tsconfig.${project}.json took ${seconds} s`);
      // ngc colours its diagnostics whatever the output is.
      resolve({ code, output: stripVTControlCharacters(output) });
    });
  });
}

/** Each diagnostic ngc printed: where (when it says), its category and its code. */
function diagnosticsOf(output) {
  const header =
    /^(?:(?<file>\S+):(?<line>\d+):\d+ - )?(?<category>error|warning) (?<code>(?:TS|NG)\d+): (?<message>.*)$/gm;
  return [...output.matchAll(header)].map(({ groups }) => ({
    at: groups.file ? `${groups.file}:${groups.line}` : '(no location)',
    category: groups.category,
    code: groups.code,
    message: groups.message,
  }));
}

/** The marked lines of a file: "file:line" (1-based, the line after the mark) -> its expected code. */
function expectedErrors(file) {
  const expected = new Map();
  readFileSync(join(app, file), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const mark = /<!-- expect ((?:TS|NG)\d+): (.*) -->/.exec(text);
      if (mark) expected.set(`${file}:${index + 2}`, { code: mark[1], why: mark[2] });
    });
  return expected;
}

writeProject();
// Both compilations start at once: each is one busy process, and machines here have two cores.
const compiled = { check: ngc('check'), app: ngc('app') };

describe('prefetch-elements/angular under ngc (strictTemplates)', () => {
  it('compiles every right use of both directives with no diagnostic', async () => {
    const { code, output } = await compiled.app;
    assert.deepEqual(diagnosticsOf(output), [], output);
    assert.equal(code, 0, output);
    const inRight = diagnosticsOf((await compiled.check).output).filter(({ at }) => !at.startsWith('wrong.ts:'));
    assert.deepEqual(inRight, []);
  });

  it('has right.ts bind every input and listen to every output of both directives', () => {
    const template = readFileSync(join(app, 'right.ts'), 'utf8');
    const bound = new Set([...template.matchAll(/[\s[](\w+)\]?="/g)].map((match) => match[1]));
    const listened = new Set([...template.matchAll(/\((\w+)\)="/g)].map((match) => match[1]));
    for (const [name, { inputs, outputs }] of Object.entries(DIRECTIVES)) {
      assert.deepEqual(
        inputs.filter((input) => !bound.has(input)),
        [],
        `${name}: inputs right.ts does not bind`,
      );
      assert.deepEqual(
        outputs.filter((output) => !listened.has(output)),
        [],
        `${name}: outputs right.ts ignores`,
      );
    }
  });

  it('reports an error on each marked line of wrong.ts, of the marked code, and nowhere else', async () => {
    const { code, output } = await compiled.check;
    const expected = expectedErrors('wrong.ts');
    assert.ok(expected.size >= 12, `only ${expected.size} marked lines in wrong.ts`);
    const problems = [];
    const hit = new Set();
    for (const { at, category, code: found, message } of diagnosticsOf(output)) {
      const wanted = expected.get(at);
      if (category === 'error' && wanted?.code === found) hit.add(at);
      else problems.push(`${at}: unexpected ${category} ${found}: ${message}`);
    }
    for (const [at, { code: wanted, why }] of expected) {
      if (!hit.has(at)) problems.push(`${at}: compiles, but should be ${wanted} (${why})`);
    }
    assert.deepEqual(problems, [], output);
    assert.equal(code, 1, 'ngc should fail on the wrong uses');
  });
});

/**
 * An esbuild plugin that links as the Angular CLI does: each JavaScript file that `needsLinking()`
 * says holds partial declarations goes through the linker's Babel plugin, except @angular/core
 * and @angular/compiler, whose sources name the declaration functions without calling them.
 * `linked` collects each linked file's code by path.
 */
function angularLinker(linked) {
  return {
    name: 'angular-linker',
    setup(builder) {
      builder.onLoad({ filter: /\.m?js$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (/[\\/]@angular[\\/](?:compiler|core)[\\/]/.test(path) || !needsLinking(path, source)) return undefined;
        const { code } = await transformAsync(source, {
          filename: path,
          configFile: false,
          babelrc: false,
          compact: false,
          sourceMaps: false,
          plugins: [[linkerPlugin, { linkerJitMode: false }]],
        });
        linked.set(path, code);
        return { contents: code, loader: 'js' };
      });
    },
  };
}

/** What the app shows, and each element's properties that the template binds, read in the page. */
function readApp() {
  const element = (selector) => document.querySelector(selector);
  const text = (selector) => element(selector)?.textContent.trim().replace(/\s+/g, ' ');
  const properties = (selector, names) => Object.fromEntries(names.map((name) => [name, element(selector)?.[name]]));
  return {
    bootstrapError: document.body.dataset.bootstrapError ?? null,
    attributesLink: {
      ...properties('.by-attributes', ['trigger', 'delay', 'href']),
      preload: typeof element('.by-attributes')?.preload,
    },
    propertiesLink: properties('.by-properties', ['trigger', 'delay', 'href']),
    byPromise: { ...properties('.by-promise', ['status', 'fallbackDelay', 'fallbackMin']), text: text('.reviews') },
    byQuery: {
      ...properties('.by-query', ['status', 'queryTimeout']),
      renderer: typeof element('.by-query')?.renderer,
      rendered: element('.by-query')?.shadowRoot?.querySelector('[part=rendered]')?.textContent.trim(),
      heading: text('h1'),
    },
    byName: { status: element('.by-name')?.status, text: text('.named') },
    preloaded: text('.preloaded'),
  };
}

describe('the app compiled ahead of time, linked as the Angular CLI links it', () => {
  const linked = new Map();
  let bundle;
  before(async () => {
    assert.equal((await compiled.app).code, 0, 'ngc did not compile the app');
    const started = Date.now();
    const result = await build({
      entryPoints: [join(app, 'out', 'main.js')],
      absWorkingDir: pkg.project,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'warning',
      plugins: [angularLinker(linked)],
    });
    bundle = { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
    console.log(
      `angular: linking ${linked.size} files and bundling took ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  const ours = () => [...linked].find(([path]) => path.endsWith('prefetch-elements/dist/frameworks/angular.js'));

  it('links prefetch-elements/angular (found by needsLinking, as the CLI finds it) and bundles no compiler', () => {
    assert.ok(ours(), `not linked; linked: ${[...linked.keys()].join(', ')}`);
    const [, code] = ours();
    assert.doesNotMatch(code, /ɵɵngDeclare/);
    assert.equal(code.match(/ɵɵdefineDirective\(/g)?.length, 2, code);
    assert.deepEqual(
      bundle.inputs.filter((input) => input.includes('@angular/compiler')),
      [],
      'the bundle holds @angular/compiler',
    );
  });

  it('defines both directives when the linked module runs in Node, where the published one needs the JIT compiler', async () => {
    const linkedFile = join(app, 'linked', 'angular.js');
    mkdirSync(dirname(linkedFile), { recursive: true });
    writeFileSync(linkedFile, ours()[1]);
    // No @angular/compiler is imported: a partial declaration that is read asks for it and throws.
    const { code, stdout, stderr } = await runModule(
      pkg.project,
      `
      const definitionsOf = async (specifier) => {
        const module = await import(specifier);
        const definitions = {};
        for (const name of ${JSON.stringify(Object.keys(DIRECTIVES))}) {
          try {
            const { selectors, inputs, outputs } = module[name].ɵdir;
            const factory = typeof module[name].ɵfac;
            definitions[name] = { selectors, inputs: Object.keys(inputs), outputs: Object.keys(outputs), factory };
          } catch (error) {
            definitions[name] = error.message.split('\\n')[0];
          }
        }
        return definitions;
      };
      console.log(JSON.stringify({
        linked: await definitionsOf(${JSON.stringify(pathToFileURL(linkedFile).href)}),
        published: await definitionsOf('prefetch-elements/angular'),
      }));`,
    );
    assert.equal(code, 0, stderr);
    const { linked: linkedDefinitions, published } = JSON.parse(stdout);
    const expected = Object.fromEntries(
      Object.entries(DIRECTIVES).map(([name, definition]) => [name, { ...definition, factory: 'function' }]),
    );
    assert.deepEqual(linkedDefinitions, expected);
    for (const name of Object.keys(DIRECTIVES)) assert.match(published[name], /JIT compil/);
  });

  for (const [name, launch] of Object.entries(browsers)) {
    describe(name, () => {
      let browser;
      let served;
      before(async () => {
        const html = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Angular app, compiled ahead of time</title>
<right-uses></right-uses>
<script type="module" src="/app.js"></script>`;
        [browser, served] = await Promise.all([launch(), serveFiles({ '/': html, '/app.js': bundle.code })]);
      });
      after(async () => {
        await browser?.close();
        served?.server.close();
      });

      it('sets each input on its element and calls each handler: the values on screen, a hover preloads', async () => {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        await page.goto(served.url);
        const settled = () =>
          [...document.querySelectorAll('await-data')].every((element) => element.status === 'fulfilled') &&
          document.querySelector('h1')?.textContent.includes('Product 42');
        // On a timeout the assertions below say what was missing.
        await page.waitForFunction(settled, { timeout: 10_000 }).catch(() => undefined);
        const shown = await page.evaluate(readApp);
        await page.hover('.by-attributes a');
        await page
          .waitForFunction(() => document.querySelector('.preloaded').textContent.includes('hover'), { timeout: 5_000 })
          .catch(() => undefined);
        const { preloaded } = await page.evaluate(readApp);
        await page.close();

        assert.deepEqual(errors, []);
        assert.deepEqual(shown, {
          bootstrapError: null,
          attributesLink: { trigger: 'hover focus', delay: 0, href: '/products/42', preload: 'function' },
          propertiesLink: { trigger: 'none', delay: 100, href: '/products/7' },
          byPromise: { status: 'fulfilled', fallbackDelay: 0, fallbackMin: 0, text: '3 reviews' },
          byQuery: {
            status: 'fulfilled',
            queryTimeout: 10_000,
            renderer: 'function',
            rendered: 'rendered Product 42',
            heading: 'Product 42',
          },
          byName: { status: 'fulfilled', text: 'Product 7' },
          preloaded: '',
        });
        // The preload's own URL, then prefetchstart's href (absolute) and prefetchend's intent.
        const href = new URL('/products/42', served.url).href;
        assert.equal(preloaded, `preloaded /products/42 ${href} hover`);
      });
    });
  }
});
