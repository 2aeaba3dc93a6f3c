// Shared by the <await-data> tests: promises the test settles, what is on screen, fake timers.
import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { SinonFakeTimers } from 'sinon';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { fakeClock } from '../helpers/timers.js';
import '../../src/await-data/index.js';

export { deferred } from '../helpers/deferred.js';
export { controlledQuery } from '../helpers/cache.js';
export { frame } from '../helpers/frames.js';

export const mount = (template: TemplateResult) => fixture<AwaitDataElement>(template);

/** Whether `node` and every ancestor up to its shadow root are rendered (not `display: none`). */
function isRendered(node: Element): boolean {
  for (let at: Element | null = node; at; at = at.parentElement) {
    if (getComputedStyle(at).display === 'none') return false;
  }
  return true;
}

/**
 * Which regions of the element are on screen now: `content`, `fallback`, `error`. A region is on
 * screen when its slot is rendered, so the light-DOM children assigned to it are too.
 */
export function shown(el: AwaitDataElement): string[] {
  return [...el.shadowRoot!.querySelectorAll('slot')].filter(isRendered).map((slot) => slot.name || 'content');
}

/** True if a light-DOM child is rendered (its slot's region is not hidden). */
export const isVisible = (el: Element | null) => !!el && el.checkVisibility();

/** Fake `setTimeout` and `Date` only: lit's microtasks and mocha's own timers stay real. */
export const fakeTimers = (): SinonFakeTimers => fakeClock(Date.now());
