// custom-elements.json is committed (and shipped) so tools read the elements without a build;
// these tests keep it from going stale: it must be exactly what `npm run analyze` makes now.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('custom-elements.json', () => {
  let out;
  let fresh;
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'cem-'));
    const cem = join(root, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
    // cem joins --outdir to its working directory, even an absolute one.
    execFileSync(
      process.execPath,
      [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, out)],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  const element = (tag) =>
    fresh.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement && d.tagName === tag);
  const names = (list = []) => list.map((x) => x.name);

  it('is what `npm run analyze` makes from the sources now', () => {
    const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(committed, fresh, 'custom-elements.json is stale: run `npm run analyze` and commit it');
  });

  it('is the one package.json points tools to', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'));
  });

  it('is read from the sources only', () => {
    const paths = fresh.modules.map((m) => m.path);
    assert.ok(
      paths.every((p) => p.startsWith('src/') && p.endsWith('.ts')),
      paths.join(', '),
    );
    assert.ok(!paths.some((p) => p.startsWith('src/frameworks/')), 'the framework typings are not elements');
  });

  it('describes <await-data>: attributes, properties, events, slots and its part', () => {
    const el = element('await-data');
    assert.ok(el, 'await-data is in the manifest');
    assert.equal(el.name, 'AwaitDataElement');
    for (const attr of ['query', 'args', 'fallback-delay', 'fallback-min', 'status'])
      assert.ok(names(el.attributes).includes(attr), attr);
    for (const prop of ['promise', 'query', 'args', 'renderer', 'status', 'value', 'error'])
      assert.ok(names(el.members).includes(prop), prop);
    assert.deepEqual(names(el.events).sort(), ['fulfilled', 'pending', 'rejected']);
    assert.deepEqual(names(el.slots).sort(), ['', 'error', 'fallback']);
    assert.deepEqual(names(el.cssParts), ['rendered']);
    assert.ok(!names(el.members).some((n) => n.startsWith('#')), 'no #private members');
  });

  it('describes <prefetch-link>: attributes, its preload property and events', () => {
    const el = element('prefetch-link');
    assert.ok(el, 'prefetch-link is in the manifest');
    assert.equal(el.name, 'PrefetchLinkElement');
    assert.deepEqual(names(el.attributes).sort(), ['delay', 'document', 'href', 'trigger']);
    assert.ok(names(el.members).includes('preload'));
    assert.deepEqual(names(el.events).sort(), ['prefetchend', 'prefetcherror', 'prefetchstart']);
  });

  it('says which module defines each tag', () => {
    const defines = fresh.modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition'),
    );
    assert.deepEqual(defines.map((e) => e.name).sort(), ['await-data', 'prefetch-link', 'streamed-data']);
  });
});
