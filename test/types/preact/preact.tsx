// Type test of `prefetch-elements/preact`: compiled by tsc (test/types/preact/tsconfig.json), never run.
// The cases Preact shares with React are in ../jsx/elements.tsx; here, what is Preact's own.
import type {} from '../../../src/frameworks/preact.js';

export const preactOnly = <await-data class="card" promise={Promise.resolve(1)} />;
