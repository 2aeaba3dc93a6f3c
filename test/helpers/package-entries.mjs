// Every module of the package a server or another runtime may import, as paths of the per-file
// build without `.js`: the main entry, each element's, each framework typing entry, the server's.
export const PACKAGE_ENTRIES = [
  'index',
  'cache/index',
  'preload/index',
  'prefetch-link/index',
  'await-data/index',
  'streamed-data/index',
  'server/index',
  'frameworks/react',
  'frameworks/preact',
  'frameworks/solid',
  'frameworks/svelte',
  'frameworks/vue',
  'frameworks/angular',
];
