// The package beyond Node: Deno, Bun and Cloudflare's workerd (the runtime of Workers), each
// installed from npm as a dev dependency. In each, every entry imports with no DOM and defines
// nothing, and prefetch-elements/server streams worker.mjs's page exactly as it does in Node:
// the product in the shell, the reviews in a later chunk, hostile text escaped.
//
//   npm run test:runtimes
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { buildPerFile } from '../../demo/ssr/build.mjs';
import { PACKAGE_ENTRIES } from '../helpers/package-entries.mjs';
import { readBody } from './worker.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = join(root, 'test', 'runtimes');
const out = join(root, 'node_modules', '.cache', 'prefetch-elements-runtimes');
const perFile = join(out, 'per-file');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const runner = join(here, 'run-in-runtime.mjs');

const ENTRY_COUNT = PACKAGE_ENTRIES.length; // the entries run-in-runtime.mjs imports

/** How each runtime runs the runner script over the per-file build. */
const COMMANDS = {
  node: [process.execPath, [runner, perFile]],
  deno: [bin('deno'), ['run', `--allow-read=${root}`, runner, perFile]],
  bun: [bin('bun'), [runner, perFile]],
};

/** Runs the runner in one runtime and returns what it printed. */
async function runIn(runtime) {
  const [command, args] = COMMANDS[runtime];
  const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const { stdout } = await promisify(execFile)(command, args, { cwd: root, env, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

/** The parts of a page that differ from run to run: how old each value was when sent. */
const withoutAges = (html) => html.replace(/ age="\d+"/g, ' age="…"');

/** A free port on 127.0.0.1. */
async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** workerd serving worker-entry.mjs (bundled) on `port`; resolves once it answers. */
async function startWorkerd(port) {
  const dir = join(out, 'workerd');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(here, 'worker-entry.mjs')],
    outfile: join(dir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker'],
    external: ['node:*'], // node:stream, for parse5: workerd has it with nodejs_compat
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = ["nodejs_compat"],
);
`,
  );
  const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data) => (stderr += data));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
      return child;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        throw new Error(`workerd did not start: ${stderr}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

describe('prefetch-elements beyond Node: Deno, Bun, workerd', { concurrency: false }, () => {
  /** What Node renders: the reference every other runtime must match. */
  let reference;
  before(async () => {
    await buildPerFile(perFile);
    reference = await runIn('node');
  });

  it('renders the reference page in Node: the product in the shell, the reviews streamed, text escaped', () => {
    assert.deepEqual(reference.failed, {});
    assert.equal(reference.imported.length, ENTRY_COUNT);
    assert.ok(reference.chunks >= 2, `the body came in ${reference.chunks} chunk(s); the reviews should follow later`);
    const [shell, ...later] = reference.html.split(
      '<streamed-data query="reviews" args="[&quot;7&quot;]" status="fulfilled"',
    );
    assert.match(shell, /<h1 data-field="name">Lamp 7 &lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt;<\/h1>/);
    assert.match(shell, /<await-data status="pending" aria-busy="true" query="reviews"/);
    assert.equal(later.length, 1, 'the reviews are sent once, after the shell');
    assert.match(later[0], /Bright &lt;\/await-data&gt; &amp; \\&quot;warm\\&quot;/);
    assert.ok(reference.html.endsWith('</body></html>'));
    assert.doesNotMatch(reference.html, /<img src=x|<\/script><img/, 'no hostile markup is sent as markup');
  });

  for (const runtime of ['deno', 'bun']) {
    it(`in ${runtime}: every entry imports with no DOM, defines nothing, and the page streams as in Node`, async () => {
      const result = await runIn(runtime);
      assert.deepEqual(result.failed, {}, `entries that failed to import in ${runtime}`);
      assert.equal(result.imported.length, ENTRY_COUNT);
      assert.deepEqual(result.defined, []);
      assert.equal(result.contentType, 'text/html; charset=utf-8');
      assert.ok(result.chunks >= 2, `the body came in ${result.chunks} chunk(s)`);
      assert.equal(withoutAges(result.html), withoutAges(reference.html));
    });
  }

  describe('in workerd (Cloudflare Workers), with nodejs_compat', () => {
    let workerd;
    let port;
    before(async () => {
      port = await freePort();
      workerd = await startWorkerd(port);
    });
    after(() => workerd?.kill());

    it('streams the page over HTTP as Node renders it: the shell first, the reviews in a later chunk', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/products/7`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      const { chunks, html } = await readBody(response);
      assert.ok(chunks >= 2, `the body came in ${chunks} chunk(s)`);
      assert.equal(withoutAges(html), withoutAges(reference.html));
    });
  });
});
