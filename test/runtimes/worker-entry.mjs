// The module workerd runs (bundled by esbuild from the sources): worker.mjs's handler.
import { query, QueryCache } from '../../src/cache/index.ts';
import { renderToStream } from '../../src/server/index.ts';
import { createWorker } from './worker.mjs';

export default createWorker({ query, QueryCache, renderToStream });
