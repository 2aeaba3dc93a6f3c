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
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.description);
        if (declaration.members) declaration.members = declaration.members.filter((m) => !m.name.startsWith('#'));
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
  plugins: [publicApiOnly],
};
