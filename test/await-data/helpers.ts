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

/** A page of its own, in an iframe of the test page. */
export interface Page {
  frame: HTMLIFrameElement;
  window: Window & typeof globalThis;
  document: Document;
}

/**
 * Loads `html` as a page of its own in an iframe and resolves once it has loaded (its module
 * scripts have run). Absolute paths such as `/src/await-data/index.ts` are served by the test
 * server, so a page can load the library and an app script in the order a real page would.
 */
export async function loadPage(html: string): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 600px; height: 400px; border: 0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html lang="en"><meta charset="utf-8"><title>page</title>${html}`;
  document.body.append(frame);
  await loaded;
  const window = frame.contentWindow as Window & typeof globalThis;
  return { frame, window, document: window.document };
}

/** Runs a module script in the page (absolute imports, as in {@link loadPage}), resolving once it has run. */
export function runModule(page: Page, source: string): Promise<void> {
  const done = `done${Math.random().toString(36).slice(2)}`;
  const ran = new Promise<void>((resolve) => page.window.addEventListener(done, () => resolve(), { once: true }));
  const script = page.document.createElement('script');
  script.type = 'module';
  script.textContent = `${source}\ndispatchEvent(new Event('${done}'));`;
  page.document.body.append(script);
  return ran;
}
