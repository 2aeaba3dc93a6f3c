// Next.js, Nuxt, SvelteKit, SolidStart and Astro import a page's modules on the server: every
// entry of the package must import in Node with no DOM, define nothing and throw nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ENTRIES } from '../helpers/package-entries.mjs';

const perFile = process.env.PE_PER_FILE;
const entries = PACKAGE_ENTRIES;

describe('the package on a server (Node, no DOM)', () => {
  for (const entry of entries) {
    it(`imports ${entry} without throwing`, async () => {
      assert.equal(typeof globalThis.document, 'undefined');
      await import(pathToFileURL(join(perFile, `${entry}.js`)).href);
    });
  }

  it('defines no element: there is no page to define them in', async () => {
    const { PrefetchLinkElement, AwaitDataElement } = await import(pathToFileURL(join(perFile, 'index.js')).href);
    assert.equal(typeof PrefetchLinkElement, 'function');
    assert.equal(typeof AwaitDataElement, 'function');
    // lit's Node build puts a stand-in registry on globalThis; ours must stay empty.
    assert.equal(globalThis.customElements?.get('prefetch-link'), undefined);
    assert.equal(globalThis.customElements?.get('await-data'), undefined);
  });

  it('serves queries, and preloadRoute() says no, instead of throwing, with no page', async () => {
    const { query, QueryCache, preloadRoute, registerPreload } = await import(
      pathToFileURL(join(perFile, 'index.js')).href
    );
    const cache = new QueryCache();
    const product = query(async (id) => ({ id }), 'product', { cache });
    assert.deepEqual(await product('42'), { id: '42' });
    const unregister = registerPreload('/products/:id', () => product.prefetch(['1']));
    assert.equal(preloadRoute('/products/1'), false);
    unregister();
  });
});
