import { expect } from '@open-wc/testing';
import { fallbackMatcher, pathMatcher } from '../../src/preload/pattern.js';

// [pattern, pathname, expected params or null]
const cases: Array<[string, string, Record<string, string | undefined> | null]> = [
  ['/products/:id', '/products/42', { id: '42' }],
  ['/products/:id', '/products/42/reviews', null],
  ['/products/:id', '/products/', null],
  ['/products/:id', '/products', null],
  ['/u/:user/posts/:post', '/u/ann/posts/7', { user: 'ann', post: '7' }],
  ['/docs/*', '/docs/guide/intro', { '0': 'guide/intro' }],
  ['/docs/*', '/docs/', { '0': '' }],
  ['/docs/*', '/docs', null],
  ['/a/*/b/*', '/a/1/b/2/3', { '0': '1', '1': '2/3' }],
  ['/blog/:year?', '/blog', { year: undefined }],
  ['/blog/:year?', '/blog/2024', { year: '2024' }],
  ['/shop{/:cat}?/items', '/shop/items', { cat: undefined }],
  ['/shop{/:cat}?/items', '/shop/toys/items', { cat: 'toys' }],
  ['/files/report.pdf', '/files/report.pdf', {}],
  ['/files/report.pdf', '/files/reportXpdf', null],
  ['/p/:id', '/p/%C3%A9', { id: '%C3%A9' }],
  ['/', '/', {}],
  ['/', '/x', null],
];

function describeMatcher(name: string, compile: (pattern: string) => (path: string) => object | null | undefined) {
  describe(name, () => {
    for (const [pattern, path, expected] of cases) {
      it(`matches "${path}" against "${pattern}" as ${JSON.stringify(expected)}`, () => {
        // No match is null or undefined: the registry only tests it for truth.
        expect(compile(pattern)(path) ?? null).to.deep.equal(expected);
      });
    }
  });
}

const native = (globalThis as { URLPattern?: unknown }).URLPattern;

describeMatcher('pathMatcher (native URLPattern where the browser has it)', pathMatcher);
describeMatcher('fallbackMatcher (our own, for browsers without URLPattern)', fallbackMatcher);

describe('pathMatcher without URLPattern', () => {
  afterEach(() => Object.assign(globalThis, { URLPattern: native }));

  it('falls back to our own matcher', () => {
    delete (globalThis as { URLPattern?: unknown }).URLPattern;
    expect(pathMatcher('/products/:id')('/products/9')).to.deep.equal({ id: '9' });
  });

  it('names a pattern that does not compile', () => {
    delete (globalThis as { URLPattern?: unknown }).URLPattern;
    expect(() => pathMatcher('/a{/b')).to.throw(TypeError, 'prefetch-elements: invalid route pattern "/a{/b"');
  });
});

describe('pathMatcher with URLPattern', () => {
  it('names a pattern that does not compile', function () {
    if (!native) this.skip();
    expect(() => pathMatcher('/a/(')).to.throw(TypeError, 'prefetch-elements: invalid route pattern "/a/("');
  });
});
