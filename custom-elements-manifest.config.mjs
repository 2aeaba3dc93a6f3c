// `npm run analyze` writes custom-elements.json: the elements' tags, attributes, properties,
// events, slots and parts, read from the sources and their doc comments (`@attr`, `@fires`,
// `@slot`, `@csspart`). Sources only: never the build output, the tests or the framework typings.
// test/node/manifest.test.mjs fails when the committed file is not what this produces.

/**
 * Keeps the manifest to the public API: events are the documented (`@fires`) ones, not every
 * `new CustomEvent(name)` the analyzer finds (it reports a variable's name as an event), and
 * `#private` members, which no one outside can reach, are left out.
 */
const publicApiOnly = {
  name: 'public-api-only',
  packageLinkPhase({ customElementsManifest }) {
    // The analyzer lists modules in the order it happened to read them: sorted, the file is the same every time.
    customElementsManifest.modules.sort((a, b) => {
      if (a.path === b.path) return 0;
      return a.path < b.path ? -1 : 1;
    });
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.description);
        if (declaration.members) declaration.members = declaration.members.filter((m) => !m.name.startsWith('#'));
      }
    }
  },
};

/**
 * Our elements are defined through `defineElement()` (safe on a server and beside another copy
 * of the library), which the analyzer cannot follow. By the folder convention, the `define.ts`
 * beside an element's module defines it under the class's `@tagname`: say so in the manifest.
 */
const definitionsBesideElements = {
  name: 'definitions-beside-elements',
  packageLinkPhase({ customElementsManifest }) {
    const modules = customElementsManifest.modules;
    for (const mod of modules) {
      for (const declaration of mod.declarations ?? []) {
        if (!declaration.customElement || !declaration.tagName) continue;
        const definePath = mod.path.replace(/[^/]+$/, 'define.ts');
        const defineModule = modules.find((candidate) => candidate.path === definePath);
        if (!defineModule) continue;
        defineModule.exports = [
          ...(defineModule.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'),
          {
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: mod.path },
          },
        ];
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  // The cache has no elements; its internals (the Entry class) would only add noise.
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts', 'src/frameworks/**', 'src/cache/**'],
  outdir: '.',
  litelement: true,
  // package.json names the file already; the staleness test writes elsewhere and must not touch it.
  packagejson: false,
  plugins: [publicApiOnly, definitionsBesideElements],
};
