// Type test of `prefetch-elements/react`: compiled by tsc (test/types/react/tsconfig.json), never run.
// The cases React shares with Preact are in ../jsx/elements.tsx; here, what is React's own.
import type {} from '../../../src/frameworks/react.js';

export const reactOnly = <await-data className="card" promise={Promise.resolve(1)} />;
