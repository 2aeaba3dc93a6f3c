// A web-test-runner plugin that serves each framework test file (`test/frameworks/<name>/*.test.ts`
// or `.tsx`) as one esbuild bundle built with that framework's own settings: React's automatic JSX runtime,
// Preact's, Solid's JSX compiler (babel-preset-solid), Vue's single-file component compiler and
// Svelte 5's compiler. The global esbuild plugin cannot do this: its JSX
// settings are the same for every file.
//
// The test tooling (@open-wc/testing, @web/*, lit, sinon) stays external, so web-test-runner
// resolves and serves it as it does for every other test; the framework, the components and the
// library sources are bundled in.
import { transformAsync } from '@babel/core';
import { build, transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Compiles Vue single-file components (`<script setup lang="ts">` with its template inlined). */
const vue = {
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
        templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: content, loader: 'ts', resolveDir: join(path, '..') };
    });
  },
};

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
    plugins: [vue],
    define: {
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  },
  svelte: { plugins: [svelte] },
};

/** Bundles one framework test file. */
export async function bundleFrameworkTest(file, name) {
  const { plugins = [], define = {}, ...options } = frameworks[name] ?? {};
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
    plugins: [externals, ...plugins],
    ...options,
  });
  return result.outputFiles[0].text;
}

/** The web-test-runner plugin. */
export function frameworkPlugin() {
  return {
    name: 'framework-tests',
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
