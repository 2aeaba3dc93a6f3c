// Shared by the <await-data> tests: promises the test settles, what is on screen, fake timers.
import { fixture } from '@open-wc/testing';
import sinon from 'sinon';
import type { TemplateResult } from 'lit';
import { query, QueryCache, type Query } from '../../src/cache/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import '../../src/await-data/index.js';

/** A promise and the functions that settle it. */
export function deferred<T = unknown>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

export const mount = (template: TemplateResult) => fixture<AwaitDataElement>(template);

/** Which regions of the element are on screen now: `content`, `fallback`, `error`. */
export function shown(el: AwaitDataElement): string[] {
  return [...el.shadowRoot!.querySelectorAll('slot')]
    .filter((slot) => !slot.closest('[hidden]'))
    .map((slot) => slot.name || 'content');
}

/** True if a light-DOM child is rendered (its slot's region is not hidden). */
export const isVisible = (el: Element | null) => !!el && el.checkVisibility();

/** Fake `setTimeout` and `Date` only: lit's microtasks and mocha's own timers stay real. */
export const fakeTimers = () => sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });

/** Waits for the next animation frame. */
export const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

let count = 0;

/**
 * A query in its own cache whose fetches the test settles one by one (`fetches[i].resolve`).
 * `active()` counts the subscriptions open on it right now.
 */
export function controlledQuery<T = unknown>(options: { gcTime?: number; staleTime?: number } = {}) {
  const cache = new QueryCache(options);
  const fetches: Array<ReturnType<typeof deferred<T>> & { args: unknown[]; signal: AbortSignal }> = [];
  const name = `q${++count}`;
  const q = query(function (this: { signal: AbortSignal }, ...args: unknown[]) {
    const d = deferred<T>();
    fetches.push({ ...d, args, signal: this.signal });
    return d.promise;
  }, name, { cache }) as Query<unknown[], T>;
  let active = 0;
  const subscribe = q.subscribe;
  Object.assign(q, {
    subscribe: (...a: Parameters<typeof subscribe>) => {
      const unsubscribe = subscribe(...a);
      active++;
      return () => (active--, unsubscribe());
    },
  });
  return { q, cache, name, fetches, active: () => active };
}
