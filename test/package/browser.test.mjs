// The installed package in real browsers (Debian's Chromium and Firefox ESR), loaded as users do:
// - plain HTML with no build step: the one-file bundle, from a <script type="module" src> beside
//   the page's own module script that registers a query through the bundle's exports, or
//   imported by that script alone;
// - an app built by a bundler (esbuild) that imports only `query` from the main entry: the
//   elements must still be defined, which fails if "sideEffects" lets the bundler drop them.
// Each must show what a user would see: both elements defined and the query's value on screen.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { browsers } from './browsers.mjs';
import { NAME, installed } from './installed.mjs';

const pkg = installed();

// The bundle as a browser gets it: the export's non-`node` target.
const bundleUrl = `/${posix.join('node_modules', NAME, pkg.manifest.exports['./bundle'].default)}`;

const registerProduct = `query(async (id) => ({ id, name: 'Product ' + id }), 'product');`;
const body = `
  <prefetch-link><a href="/products/42">Product 42</a></prefetch-link>
  <await-data query="product" args='["42"]'>
    <p slot="fallback">Loading…</p>
    <p slot="error">Could not load.</p>
    <h1 data-field="name"></h1>
  </await-data>`;

const pages = {
  // The most natural page (issue 9): the library, then the page's own script.
  '/plain-two-scripts.html': {
    html: `<!doctype html>
<meta charset="utf-8">
<title>plain HTML, two scripts</title>
<script type="module" src="${bundleUrl}"></script>
<script type="module">
  import { query } from '${bundleUrl}';
  ${registerProduct}
</script>
${body}`,
    // The element starts before the page's own script has registered the query: it waits for it.
  },
  // The page's script imports the bundle itself, so the query exists when the elements start.
  '/plain-one-script.html': {
    html: `<!doctype html>
<meta charset="utf-8">
<title>plain HTML, one script</title>
<script type="module">
  import { query } from '${bundleUrl}';
  ${registerProduct}
</script>
${body}`,
  },
  '/bundled.html': {
    html: `<!doctype html>
<meta charset="utf-8">
<title>bundled app</title>
<script type="module" src="/bundled/app.js"></script>
${body}`,
  },
};

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** Serves the scratch project's files (the installed package under /node_modules/) and the pages. */
function serveProject(project) {
  return createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    try {
      const content = pages[path]?.html ?? (await readFile(join(project, path)));
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      response.end(content);
    } catch {
      response.writeHead(404).end();
    }
  });
}

/** Opens `url`, waits for <await-data> to settle, and reads what the user sees. */
async function visit(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => /^(fulfilled|rejected)$/.test(document.querySelector('await-data').status), {
      timeout: 10_000,
    });
    const seen = await page.evaluate(() => ({
      defined: ['prefetch-link', 'await-data'].filter((tag) => customElements.get(tag)),
      status: document.querySelector('await-data').status,
      error: String(document.querySelector('await-data').error ?? ''),
      text: document.body.innerText.trim().replace(/\s+/g, ' '),
      headingVisible: document.querySelector('h1').checkVisibility(),
      fallbackVisible: document.querySelector('[slot=fallback]').checkVisibility(),
    }));
    return { ...seen, errors };
  } finally {
    await page.close();
  }
}

describe('the installed package in a browser', () => {
  let server;
  let origin;
  before(async () => {
    // What a user's bundler makes of `import { query } from 'prefetch-elements'`.
    const entry = join(pkg.project, 'app.js');
    await writeFile(entry, `import { query } from '${NAME}';\n${registerProduct}\n`);
    await build({
      entryPoints: [entry],
      outfile: join(pkg.project, 'bundled', 'app.js'),
      absWorkingDir: pkg.project,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'warning',
    });
    server = serveProject(pkg.project);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server?.close());

  for (const [name, launch] of Object.entries(browsers)) {
    describe(name, () => {
      let browser;
      before(async () => {
        browser = await launch();
      });
      after(() => browser?.close());

      for (const path of Object.keys(pages)) {
        it(`${path}: both elements defined, the served value on screen`, async () => {
          const seen = await visit(browser, origin + path);
          assert.deepEqual(seen.errors, []);
          assert.deepEqual(seen.defined, ['prefetch-link', 'await-data']);
          assert.equal(seen.status, 'fulfilled', seen.error);
          assert.equal(seen.text, 'Product 42 Product 42');
          assert.equal(seen.headingVisible, true);
          assert.equal(seen.fallbackVisible, false);
        });
      }
    });
  }
});
