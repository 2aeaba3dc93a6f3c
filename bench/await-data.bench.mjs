/**
 * <await-data> beside a LitElement that renders lit's `until` directive, in one headless Chromium,
 * over 1 000 elements.
 *
 *   npm run bench:await      (CHROME_PATH overrides /usr/bin/chromium)
 *
 * Both are bundled with esbuild from this checkout (ours from the TypeScript source, with the
 * query cache) and served from a throwaway http server on 127.0.0.1. Every figure is the median of
 * RUNS runs (default 7, `RUNS=n` to change), each in a freshly loaded page, after one warm-up
 * load; the cases alternate inside every run so that drift hits both alike. The exit code is 0 even when a target is missed: this
 * is a measurement, not a test.
 */
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveFiles } from './lib/chromium.mjs';
import { median } from './lib/stats.mjs';

const RUNS = Number(process.env.RUNS) || 7;
const N = 1_000;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// --- The page -----------------------------------------------------------------------------------

const script = (
  await build({
    stdin: {
      resolveDir: root,
      loader: 'ts',
      contents: `
        import { LitElement, html } from 'lit';
        import { until } from 'lit/directives/until.js';
        import { AwaitDataElement } from './src/await-data/index.ts';
        import { SHADOW_CSS, SHADOW_HTML } from './src/await-data/shadow.ts';
        import { defer, query } from './src/cache/index.ts';
        /** The baseline: the idiomatic lit way to show a promise, with a placeholder. */
        class UntilElement extends LitElement {
          static properties = { promise: { attribute: false } };
          render() { return html\`<span>\${until(this.promise, 'Loading…')}</span>\`; }
        }
        customElements.define('until-element', UntilElement);
        /** The same, swapping a placeholder element for a content element, as <await-data> does. */
        class UntilSwapElement extends UntilElement {
          render() {
            return until(this.promise.then((v) => html\`<span>\${v}</span>\`), html\`<span class="placeholder">Loading…</span>\`);
          }
        }
        customElements.define('until-swap-element', UntilSwapElement);
        /** The floor: ours's shadow tree and stylesheet, on an element with no code but its custom state. */
        class FloorElement extends HTMLElement {
          constructor() {
            super();
            this.internals = this.attachInternals();
          }
        }
        customElements.define('floor-element', FloorElement);
        Object.assign(window, { AwaitDataElement, defer, query, SHADOW_CSS, SHADOW_HTML });
      `,
    },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  })
).outputFiles[0].text;

// Runs in the page. Every case appends N elements to a fresh container and samples each animation
// frame from then on: `frames` counts frames in which any placeholder was on screen, `frame` is
// the time (from the start) to the frame in which all N show content, and `work` the time until
// the updates, style and layout they caused are done (a macrotask after the last update).
function pageBench() {
  const N = window.N;
  const names = Array.from({ length: N }, (_, i) => `Item ${i}`);
  // Which region of ours is on screen: the custom state that its shared stylesheet shows.
  const oursShows = (el) => el.matches(':state(content)') && el.lastElementChild.textContent !== '';
  const oursFallback = (el) => el.matches(':state(fallback)');
  const untilShows = (el) => el.shadowRoot.textContent.startsWith('Item');
  const untilFallback = (el) => el.shadowRoot.textContent.includes('Loading');

  const ourElements = (setUp) =>
    names.map((name, i) => {
      const el = document.createElement('await-data');
      el.setAttribute('fallback-delay', '0'); // a placeholder at once, like `until`, so frames compare
      el.innerHTML = '<span slot="fallback">Loading…</span><span data-field="name"></span>';
      setUp(el, i);
      return el;
    });
  const untilElements = (promiseOf, tag = 'until-element') =>
    names.map((name, i) => Object.assign(document.createElement(tag), { promise: promiseOf(i) }));

  const afterUpdates = () =>
    new Promise((done) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(0);
    });

  /** Runs `start`, then reports how long until all elements show content, and the fallback frames. */
  async function measure(elements, start, shows, fallback) {
    const box = document.createElement('div');
    const t0 = performance.now();
    start(box);
    await afterUpdates();
    void document.body.getBoundingClientRect(); // style and layout of what the updates changed
    const work = performance.now() - t0;
    let frames = 0;
    for (;;) {
      await new Promise(requestAnimationFrame);
      if (elements.some(fallback)) frames++;
      if (elements.every(shows)) break;
    }
    void document.body.getBoundingClientRect();
    return { work, frame: performance.now() - t0, frames };
  }

  const append = (elements) => (box) => {
    box.append(...elements);
    document.body.append(box);
  };
  const settle = () => new Promise((done) => setTimeout(done, 400)); // past fallback-min, untimed

  /**
   * Not timed: appends lit's elements, watching every shadow root from insertion on, and counts
   * those in which a placeholder ever reached the DOM (even if no frame painted it).
   */
  async function commits(elements, placeholderIn) {
    const seen = new Set();
    document.body.append(...elements);
    for (const el of elements) {
      const check = () => placeholderIn(el) && seen.add(el);
      new MutationObserver(check).observe(el.shadowRoot, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    }
    await afterUpdates();
    elements.forEach((el) => placeholderIn(el) && seen.add(el));
    return { commits: seen.size };
  }

  /**
   * Not timed: appends ours, counting every time one of them is put in its `fallback` state
   * (which is what would show its fallback), even if no frame painted it.
   */
  async function ourCommits(elements) {
    const addState = CustomStateSet.prototype.add;
    let fallbacks = 0;
    CustomStateSet.prototype.add = function (state) {
      if (state === 'fallback') fallbacks++;
      return addState.call(this, state);
    };
    document.body.append(...elements);
    await afterUpdates();
    CustomStateSet.prototype.add = addState;
    return { commits: fallbacks };
  }

  window.bench = {
    oursCommits: () => ourCommits(ourElements((el, i) => (el.promise = window.defer({ name: names[i] })))),
    untilCommits: () =>
      commits(
        untilElements((i) => Promise.resolve(names[i])),
        untilFallback,
      ),
    /** (a) N elements whose data is already in the cache. */
    async oursCached() {
      const q = window.query(async (i) => ({ name: names[i] }), `bench-${Math.random()}`);
      await Promise.all(names.map((_, i) => q(i)));
      const els = ourElements((el, i) => {
        el.query = q;
        el.args = [i];
      });
      return measure(els, append(els), oursShows, oursFallback);
    },
    async oursDeferred() {
      const els = ourElements((el, i) => (el.promise = window.defer({ name: names[i] })));
      return measure(els, append(els), oursShows, oursFallback);
    },
    async untilResolved() {
      const els = untilElements((i) => Promise.resolve(names[i]));
      return measure(els, append(els), untilShows, untilFallback);
    },
    /** (b) N elements waiting on pending promises, all resolved at once. */
    async oursPending() {
      const resolvers = [];
      const els = ourElements(
        (el, i) => (el.promise = new Promise((r) => (resolvers[i] = () => r({ name: names[i] })))),
      );
      append(els)(document.createElement('div'));
      await settle();
      return measure(
        els,
        () => resolvers.forEach((r) => r()),
        oursShows,
        () => false,
      );
    },
    async untilPending(tag) {
      const resolvers = [];
      const els = untilElements((i) => new Promise((r) => (resolvers[i] = () => r(names[i]))), tag);
      append(els)(document.createElement('div'));
      await settle();
      return measure(
        els,
        () => resolvers.forEach((r) => r()),
        untilShows,
        () => false,
      );
    },
    untilSwapPending: () => window.bench.untilPending('until-swap-element'),
    /**
     * The floor: the same DOM change as ours (text into the field, the custom state moved from
     * `fallback` to `content`) made by hand in N elements with ours's shadow tree and shared
     * stylesheet, with no element code at all.
     */
    async floorPending() {
      const template = document.createElement('template');
      template.innerHTML = window.SHADOW_HTML;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(window.SHADOW_CSS);
      const els = names.map(() => {
        const el = document.createElement('floor-element'); // inline, like <await-data>
        const root = el.attachShadow({ mode: 'open' });
        root.adoptedStyleSheets = [sheet];
        root.append(template.content.cloneNode(true));
        el.innerHTML = '<span slot="fallback">Loading…</span><span data-field="name"></span>';
        el.internals.states.add('fallback');
        return el;
      });
      append(els)(document.createElement('div'));
      await settle();
      const swap = () =>
        els.forEach((el, i) => {
          el.lastElementChild.textContent = names[i];
          el.internals.states.delete('fallback');
          el.internals.states.add('content');
        });
      return measure(
        els,
        swap,
        (el) => el.matches(':state(content)'),
        () => false,
      );
    },
  };
}

const page = `<!doctype html><meta charset="utf-8"><body><script>window.N = ${N};</script>
<script src="/bench.js"></script><script>(${pageBench})()</script>`;
const { url, server } = await serveFiles({ '/': page, '/bench.js': script });

// --- Runs ---------------------------------------------------------------------------------------

const browser = await launchChromium();
const tab = await browser.newPage();
await tab.setViewport({ width: 1280, height: 800 });

/** One case in a freshly loaded page; the box is dropped before the figures come back. */
async function once(name) {
  await tab.goto(url, { waitUntil: 'load' });
  return tab.evaluate(`bench.${name}().then(({ work, frame, frames, commits }) => ({ work, frame, frames, commits }))`);
}

const names = [
  'oursCached',
  'oursDeferred',
  'untilResolved',
  'oursPending',
  'untilPending',
  'untilSwapPending',
  'floorPending',
];
const samples = Object.fromEntries(names.map((k) => [k, []]));
for (const name of names) await once(name); // warm-up
for (let i = 0; i < RUNS; i++) for (const name of names) samples[name].push(await once(name));
const commits = { ours: (await once('oursCommits')).commits, until: (await once('untilCommits')).commits };

const version = await browser.version();
await browser.close();
server.close();

// --- Table --------------------------------------------------------------------------------------

const m = (name, field) => median(samples[name].map((s) => s[field]));
const max = (name, field) => Math.max(...samples[name].map((s) => s[field]));
const ms = (v) => v.toFixed(1);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

const rows = [
  [`(a) ${N} cached query entries: work`, m('oursCached', 'work'), m('untilResolved', 'work')],
  [`(a) ${N} cached query entries: to content frame`, m('oursCached', 'frame'), m('untilResolved', 'frame')],
  [`(a) ${N} settled Deferreds: work`, m('oursDeferred', 'work'), m('untilResolved', 'work')],
  [`(a) ${N} settled Deferreds: to content frame`, m('oursDeferred', 'frame'), m('untilResolved', 'frame')],
  [`(b) ${N} pending, resolved at once: work`, m('oursPending', 'work'), m('untilPending', 'work')],
  [`(b) ${N} pending, resolved at once: to content frame`, m('oursPending', 'frame'), m('untilPending', 'frame')],
  [`(b') same, until swapping elements: work`, m('oursPending', 'work'), m('untilSwapPending', 'work')],
  [`(b') same, until swapping elements: to content frame`, m('oursPending', 'frame'), m('untilSwapPending', 'frame')],
  [`(floor) the same DOM swap by hand: work`, m('floorPending', 'work'), m('untilPending', 'work')],
];
console.log(`\n<await-data> vs LitElement + until(), ${N} elements, median of ${RUNS} runs, ${version}\n`);
console.log('| case | ours (ms) | lit until (ms) | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, a, b] of rows) console.log(`| ${name} | ${ms(a)} | ${ms(b)} | ${ratio(a, b)} |`);
console.log(`
Fallback frames (frames, sampled with requestAnimationFrame from insertion until all ${N} show
content, in which any placeholder was on screen; most over ${RUNS} runs):
- ours, cached query entries: ${max('oursCached', 'frames')}
- ours, settled Deferreds:    ${max('oursDeferred', 'frames')}
- lit until, resolved promises: ${max('untilResolved', 'frames')}
Elements whose placeholder reached the DOM at all (not timed): ours ${commits.ours} of ${N}
(settled Deferreds; counted as every time one was put in its fallback state), lit until
${commits.until} of ${N} (resolved promises, watched with MutationObservers: until renders
'Loading…' and replaces it a microtask later, before any frame paints).

What each row times (each in a fresh page):
- work: from appending the ${N} elements (case a, which includes creating their shadow roots and
  first render) or from resolving the ${N} promises (case b) to a macrotask after the last update,
  with style and layout forced there.
- to content frame: from the same start to the animation frame in which all ${N} show content.
- (b'): the baseline renders until(promise.then(v => html\`<span>\${v}</span>\`), html\`<span>Loading…</span>\`),
  so it too replaces a placeholder element with a content element, which is what <await-data>
  does when it hides its fallback slot and shows its content.
- (floor): no element code at all: N elements with ours's shadow tree and shared stylesheet, in
  which a loop writes the text and moves the custom state from fallback to content. What the
  platform charges for showing one slot instead of another, beside until's text change.
- Ours use fallback-delay="0" so both show a placeholder at once; in (b) the elements wait 400 ms
  (past fallback-min) before the promises resolve, so fallback-min holds nothing back.
Targets: zero fallback frames for ours; ours no more than 1.5× until's time to the content frame,
in (a) with cached entries and in (b).`);
