// The panel's switch: prefetching on or off for the whole page, in every framework.
//
// Off cancels each `prefetchstart` (the element's documented way to skip a preload), rather
// than making the preload functions do nothing: a skipped start is not recorded, so the same
// link preloads as soon as the switch is back on (a preload that ran, even as a no-op, would
// not run again for that href for 30 s).
import { monitor } from './monitor.js';

const KEY = 'prefetch-elements-demo:prefetch';
const listeners = new Set<(on: boolean) => void>();

function initial(): boolean {
  // ?prefetch=off|on in the address sets it (the benchmark uses that), else the last choice.
  const asked = new URL(location.href).searchParams.get('prefetch');
  if (asked === 'on' || asked === 'off') sessionStorage.setItem(KEY, asked);
  return sessionStorage.getItem(KEY) !== 'off';
}

let enabled = initial();

/** Whether links preload on intent. */
export const isPrefetchOn = (): boolean => enabled;

export function setPrefetch(on: boolean): void {
  if (on === enabled) return;
  enabled = on;
  sessionStorage.setItem(KEY, on ? 'on' : 'off');
  listeners.forEach((listener) => listener(on));
}

export function onPrefetchChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type PrefetchDetail = { href: string; intent: string };

document.addEventListener(
  'prefetchstart',
  (event) => {
    const { href, intent } = (event as CustomEvent<PrefetchDetail>).detail;
    const path = new URL(href).pathname;
    if (enabled) return monitor.log('prefetch', `${intent} on ${path}: preload runs`);
    event.preventDefault();
    monitor.log('skip', `${intent} on ${path}: prefetching is off`);
  },
  { capture: true },
);
