/**
 * <prefetch-link> beside quicklink's listen(), in one headless Chromium, over 10 000 links.
 *
 *   npm run bench:link      (CHROME_PATH overrides /usr/bin/chromium)
 *
 * Both libraries are bundled with esbuild from this checkout (ours from the TypeScript source)
 * and served from a throwaway http server on 127.0.0.1, so links are same-origin. Every figure is
 * the median of RUNS runs, each in a freshly loaded page, after one warm-up load; the cases
 * alternate inside every run so that drift hits both alike. What each row times is printed under
 * the table. The exit code is 0 even when a target is missed: this is a measurement, not a test.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveFiles } from './lib/chromium.mjs';
import { median } from './lib/stats.mjs';

const RUNS = 11;
const LINKS = 10_000;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quicklinkVersion = JSON.parse(readFileSync(resolve(root, 'node_modules/quicklink/package.json'), 'utf8')).version;

// --- Bundles and the page -----------------------------------------------------------------------

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

const ours = await bundle(`
  import { PrefetchLinkElement } from './src/prefetch-link/index.ts';
  window.PrefetchLinkElement = PrefetchLinkElement;
`);
const quicklink = await bundle(`import { listen } from 'quicklink'; window.quicklink = { listen };`);

// Runs in the page. Each case builds its DOM untimed, then times only the library's share.
function pageBench() {
  const N = window.LINKS;
  const anchors = (wrap) => {
    let html = '';
    for (let i = 0; i < N; i++) {
      const a = `<a href="/p/${i}">Link ${i}</a> `;
      html += wrap ? `<${wrap.tag} trigger="${wrap.trigger}">${a}</${wrap.tag}>` : a;
    }
    const box = document.createElement('div');
    box.innerHTML = html;
    return box;
  };
  const time = (fn) => {
    window.gc(); // a collection owed by building the DOM must not land in the timed part
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  let unique = 0;
  /** A fresh tag per case: define() then upgrades (and connects) every element in place. */
  const defineFresh = (Base = window.PrefetchLinkElement) => {
    const tag = `bench-link-${++unique}`;
    return [tag, () => customElements.define(tag, class extends Base {})];
  };

  window.bench = {
    /** Our connect: 10 000 elements already in the page are upgraded, so each connects. */
    connect(trigger, { bare = false } = {}) {
      const [tag, define] = defineFresh(bare ? HTMLElement : undefined);
      const box = anchors({ tag, trigger });
      document.body.append(box);
      void box.offsetHeight; // layout done, untimed
      const connect = time(define);
      const disconnect = time(() => box.remove());
      return { connect, disconnect };
    },
    /** Our insert: 10 000 defined elements appended at once (insertion plus connect). */
    insert(trigger) {
      const box = anchors({ tag: 'prefetch-link', trigger });
      return time(() => {
        document.body.append(box);
        void box.offsetHeight;
      });
    },
    /** quicklink: listen() now plus the idle callback it schedules (which observes every link). */
    async quicklink({ insert }) {
      const box = anchors();
      if (!insert) {
        document.body.append(box);
        void box.offsetHeight;
      }
      let idle = 0;
      let idleDone;
      const ran = new Promise((done) => (idleDone = done));
      const timeoutFn = (callback, options) =>
        requestIdleCallback((deadline) => {
          idle = time(() => callback(deadline));
          idleDone();
        }, options);
      let unlisten;
      const now = time(() => {
        if (insert) {
          document.body.append(box);
          void box.offsetHeight;
        }
        unlisten = window.quicklink.listen({ el: box, timeoutFn });
      });
      await ran;
      const disconnect = time(() => {
        unlisten();
        box.remove();
      });
      return { connect: now + idle, now, idle, disconnect };
    },
  };
}

const page = `<!doctype html><meta charset="utf-8"><title>bench</title><body>
<script>window.LINKS = ${LINKS};</script>
<script src="/define.js"></script><script src="/quicklink.js"></script>
<script>(${pageBench})()</script>`;

// prefetch-link/index.ts defines <prefetch-link>; the subclasses get tags of their own.
const files = { '/': page, '/define.js': ours, '/quicklink.js': quicklink };
const { url, server } = await serveFiles(files);

// --- Runs ---------------------------------------------------------------------------------------

const browser = await launchChromium({ args: ['--js-flags=--expose-gc'] });
const tab = await browser.newPage();
await tab.setViewport({ width: 1280, height: 800 });

/** One case in a freshly loaded page. */
async function once(expression) {
  await tab.goto(url, { waitUntil: 'load' });
  return tab.evaluate(expression);
}

const cases = {
  bare: () => once(`bench.connect('intent', { bare: true })`),
  intent: () => once(`bench.connect('intent')`),
  viewport: () => once(`bench.connect('viewport')`),
  insertIntent: () => once(`bench.insert('intent')`),
  quicklink: () => once(`bench.quicklink({ insert: false })`),
  quicklinkInsert: () => once(`bench.quicklink({ insert: true })`),
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const run of Object.values(cases)) await run(); // warm-up
for (let i = 0; i < RUNS; i++) for (const [name, run] of Object.entries(cases)) samples[name].push(await run());

const version = await browser.version();
await browser.close();
server.close();

// --- Table --------------------------------------------------------------------------------------

const m = (name, field) => median(samples[name].map((s) => (field ? s[field] : s)));

const rows = [
  [`connect ${LINKS} links, trigger="intent"`, m('intent', 'connect'), m('quicklink', 'connect')],
  [`(floor: upgrade ${LINKS} empty custom elements)`, m('bare', 'connect'), m('quicklink', 'connect')],
  [`connect ${LINKS} links, trigger="viewport"`, m('viewport', 'connect'), m('quicklink', 'connect')],
  [`insert + connect ${LINKS}, trigger="intent"`, m('insertIntent'), m('quicklinkInsert', 'connect')],
  [`disconnect ${LINKS} (intent)`, m('intent', 'disconnect'), m('quicklink', 'disconnect')],
  [`disconnect ${LINKS} (viewport)`, m('viewport', 'disconnect'), m('quicklink', 'disconnect')],
];
const ms = (v) => v.toFixed(1);
const table = [
  ['case', 'ours (ms)', 'quicklink (ms)', 'ratio'],
  ['---', '---:', '---:', '---:'],
  ...rows.map(([name, a, b]) => [name, ms(a), ms(b), `${(a / b).toFixed(2)}×`]),
];
console.log(`\n<prefetch-link> vs quicklink ${quicklinkVersion}, median of ${RUNS} runs, ${version}\n`);
for (const row of table) console.log(`| ${row.join(' | ')} |`);
console.log(`
What each row times (each in a fresh page; building the DOM is never timed):
- connect: ours = customElements.define() of a fresh subclass over ${LINKS} elements already in the
  page, so every one upgrades and runs connectedCallback; quicklink = listen({el}) over ${LINKS}
  anchors already in the page, plus the idle callback it schedules (its querySelectorAll and
  IntersectionObserver.observe of every link), measured inside that callback. quicklink
  (sync ${ms(m('quicklink', 'now'))} ms + idle ${ms(m('quicklink', 'idle'))} ms).
- floor: the same upgrade for a custom element class with no code at all: what any wrapping
  element costs the platform, before a line of ours runs.
- insert + connect: appending a detached subtree of ${LINKS} links and forcing layout; ours wraps each
  link in a defined <prefetch-link>, quicklink's row adds listen() and its idle work.
- disconnect: ours = removing the subtree (${LINKS} disconnectedCallbacks); quicklink = its unlisten()
  plus removing the subtree.
Target: connecting ${LINKS} intent links costs no more than quicklink's listen(): ${
  m('intent', 'connect') <= m('quicklink', 'connect') ? 'met' : 'missed'
} (${(m('intent', 'connect') / m('quicklink', 'connect')).toFixed(2)}×; our own code is ${ms(
  m('intent', 'connect') - m('bare', 'connect'),
)} ms of it).`);
