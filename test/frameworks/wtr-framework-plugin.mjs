// A web-test-runner plugin that serves each framework test file (`test/frameworks/<name>/*.test.ts`
// or `.tsx`) as one esbuild bundle built with that framework's own settings: React's automatic JSX runtime,
// Preact's, Solid's JSX compiler (babel-preset-solid), Vue's single-file component compiler and
// Svelte 5's compiler. The global esbuild plugin cannot do this: its JSX
// settings are the same for every file.
//
// The test tooling (@open-wc/testing, @web/*, lit, sinon) stays external, so web-test-runner
// resolves and serves it as it does for every other test; the framework, the components and the
// library sources are bundled in.
//
// A module named `*.server.ts` or `*.server.tsx` that a test imports is run on the server: it is
// built for Node with the same framework's settings (its server renderer, lit's Node build), run
// in Node, and the browser receives its default export as data. That is how the hydration tests
// get HTML that a real server rendered from the library's own modules.
import { transformAsync } from '@babel/core';
import { build, transform } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const served = /^\/test\/frameworks\/([\w-]+)\/[\w.-]+\.test\.tsx?$/;
const external = /^(@open-wc\/|@web\/|@lit\/|lit$|lit\/|sinon$|chai$)/;

/** Keeps the shared test tooling as bare imports for web-test-runner to resolve. */
const externals = {
  name: 'framework-test-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, ({ path }) => (external.test(path) ? { path, external: true } : undefined));
  },
};

/** Compiles `.svelte` files with Svelte 5's compiler (TypeScript in `<script lang="ts">` included). */
const svelte = {
  name: 'svelte',
  setup(b) {
    b.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const { compile } = await import('svelte/compiler');
      const source = await readFile(path, 'utf8');
      const { js, warnings } = compile(source, { filename: relative(root, path), generate: 'client', dev: true });
      return { contents: js.code, loader: 'js', warnings: warnings.map((w) => ({ text: w.message })) };
    });
  },
};

/**
 * Compiles Vue single-file components (`<script setup lang="ts">` with its template inlined),
 * for the browser or, with `ssr`, into the string renderer `vue/server-renderer` runs.
 */
const vueSfc = ({ ssr }) => ({
  name: 'vue-sfc',
  setup(b) {
    b.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const { parse, compileScript } = await import('vue/compiler-sfc');
      // As apps configure it: tags with a hyphen are custom elements, not Vue components. The
      // template is parsed here, so that is where the option counts.
      const isCustomElement = (tag) => tag.includes('-');
      const source = await readFile(path, 'utf8');
      const { descriptor, errors } = parse(source, { filename: path, templateParseOptions: { isCustomElement } });
      if (errors.length) throw errors[0];
      const { content } = compileScript(descriptor, {
        id: relative(root, path),
        inlineTemplate: true,
        templateOptions: { ssr, ssrCssVars: [], compilerOptions: { isCustomElement } },
      });
      return { contents: content, loader: 'ts', resolveDir: join(path, '..') };
    });
  },
});

/** Compiles Solid's JSX with its own compiler: TypeScript is stripped first, the JSX kept for babel. */
const solid = {
  name: 'solid-jsx',
  setup(b) {
    b.onLoad({ filter: /\.tsx$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const { code } = await transform(source, { loader: 'tsx', jsx: 'preserve', sourcefile: path, tsconfigRaw: '{}' });
      const result = await transformAsync(code, {
        filename: path,
        babelrc: false,
        configFile: false,
        presets: [['babel-preset-solid', { generate: 'dom', hydratable: false }]],
      });
      return { contents: result.code, loader: 'js', resolveDir: join(path, '..') };
    });
  },
};

/** esbuild settings per folder of `test/frameworks/`. */
const frameworks = {
  react: { jsx: 'automatic', jsxImportSource: 'react', jsxDev: true },
  preact: { jsx: 'automatic', jsxImportSource: 'preact' },
  solid: { plugins: [solid] },
  vue: {
    plugins: [vueSfc({ ssr: false })],
    serverPlugins: [vueSfc({ ssr: true })],
    define: {
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  },
  svelte: { plugins: [svelte] },
};

const serverOut = join(root, 'node_modules', '.cache', 'prefetch-elements-server-render');
let serverBuilds = 0;

/**
 * Runs a `*.server.ts(x)` module in Node and returns its default export. Bare imports stay
 * external, so Node resolves each package's own server build (lit's, React's, Vue's) as a server
 * would; the test's and the library's modules are bundled in. It runs in a Node process of its
 * own, as on a server: nothing it sets up (lit's DOM shim) reaches web-test-runner's process, and
 * nothing of web-test-runner's (its console, whose `createTask` React calls) reaches it.
 */
async function runOnServer(file, name) {
  const { serverPlugins = [], jsx, jsxImportSource } = frameworks[name] ?? {};
  mkdirSync(serverOut, { recursive: true });
  const outfile = join(serverOut, `${name}-${process.pid}-${++serverBuilds}.mjs`);
  await build({
    entryPoints: [file],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'silent',
    plugins: serverPlugins,
    ...(jsx ? { jsx, jsxImportSource } : {}),
  });
  const script = `const { default: data } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
    process.stdout.write(JSON.stringify(data));`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        rmSync(outfile, { force: true });
        if (error) reject(new Error(`${relative(root, file)} failed on the server:\n${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

/** Serves what a `*.server.ts(x)` module's default export is, computed in Node, as a module. */
const serverRendered = (name) => ({
  name: 'server-rendered',
  setup(b) {
    b.onResolve({ filter: /\.server\.js$/ }, ({ path, resolveDir }) => {
      const base = join(resolveDir, path.replace(/\.js$/, ''));
      const found = ['.tsx', '.ts'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
      return found ? { path: found, namespace: 'server-rendered' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'server-rendered' }, async ({ path }) => ({
      contents: `export default ${JSON.stringify(await runOnServer(path, name))};`,
      loader: 'js',
    }));
  },
});

/** Bundles one framework test file. */
export async function bundleFrameworkTest(file, name) {
  const { plugins = [], serverPlugins: _forRunOnServer, define = {}, ...options } = frameworks[name] ?? {};
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    // The frameworks' development builds, with their warnings, like the rest of the tests.
    conditions: ['browser', 'development'],
    define: { 'process.env.NODE_ENV': '"development"', ...define },
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'silent',
    plugins: [externals, serverRendered(name), ...plugins],
    ...options,
  });
  return result.outputFiles[0].text;
}

const CDN = 'https://cdn.jsdelivr.net/npm/prefetch-elements/dist/';

/**
 * The README's quick start, as written (test/frameworks/quickstart/): its HTML page and its
 * app.js, read from the README's first two code blocks, with the CDN's files served from the
 * sources, and the product API that app.js fetches from.
 */
async function serveQuickStart(path) {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Quick start'),
    readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1),
  );
  const [html, app] = [...section.matchAll(/```\w+\n([\s\S]*?)```/g)].map((match) => match[1]);
  if (path === '/quickstart/index.html') {
    const body = html
      .replaceAll(`${CDN}prefetch-elements.min.js`, '/src/index.ts')
      .replaceAll(`${CDN}await-data/await-data.css`, '/src/await-data/await-data.css')
      .replace('src="/app.js"', 'src="/quickstart/app.js"');
    return { body, type: 'html' };
  }
  // What the page's import map does, done here: the dev server would otherwise resolve the bare
  // name itself, to this package's build output.
  if (path === '/quickstart/app.js')
    return { body: app.replaceAll("'prefetch-elements'", "'/src/index.ts'"), type: 'js' };
  const product = /^\/api\/products\/(\w+)$/.exec(path);
  if (product) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const id = product[1];
    return { body: JSON.stringify({ id, name: `Product ${id}`, price: { amount: '9.99' } }), type: 'json' };
  }
  return undefined;
}

/** The web-test-runner plugin. */
export function frameworkPlugin() {
  return {
    name: 'framework-tests',
    serve(context) {
      return serveQuickStart(context.path);
    },
    resolveMimeType(context) {
      return served.test(context.path) ? 'js' : undefined;
    },
    // A transform, not a serve hook: it runs after the global esbuild plugin (whose output for
    // the entry file it replaces) and before the import resolution that every JS response gets.
    async transform(context) {
      const match = served.exec(context.path);
      if (!match) return undefined;
      return { body: await bundleFrameworkTest(join(root, context.path), match[1]) };
    },
  };
}
