// How long the user waited: from the click on a product link to the first frame that shows the
// product. Every page marks its parts with the same classes, so one measurement serves the
// plain, React and Vue pages:
//   .product-name      the product's name, non-empty once the product is rendered
//   .product-fallback  the product's loading placeholder
//   .product-error     the product's error message
// Each animation frame after the click looks at them (what a frame's rAF callbacks see is what
// that frame paints), so the wait is exact to a frame, and the frames in which the fallback was
// visible are counted.
import { monitor } from './monitor.js';
import { isPrefetchOn } from './switch.js';

const PRODUCT_PATH = /\/(products|flaky)\/[^/]+$/;
const GIVE_UP_MS = 15_000;

const isVisible = (selector: string, nonEmpty = false): boolean =>
  [...document.querySelectorAll<HTMLElement>(selector)].some(
    (el) => el.checkVisibility() && (!nonEmpty || el.textContent!.trim() !== ''),
  );

/** The measurement of the latest click; a newer click replaces it. */
let current: symbol | undefined;

function measure(path: string, clickedAt: number): void {
  const id = (current = Symbol(path));
  const prefetch = isPrefetchOn();
  let fallbackFrames = 0;
  const frame = () => {
    if (current !== id) return;
    const now = performance.now();
    let outcome: 'content' | 'error' | undefined;
    if (isVisible('.product-name', true)) outcome = 'content';
    else if (isVisible('.product-error')) outcome = 'error';
    if (outcome || now - clickedAt > GIVE_UP_MS) {
      current = undefined;
      monitor.wait({ path, prefetch, ms: now - clickedAt, fallbackFrames, outcome: outcome ?? 'gave up' });
      return;
    }
    if (isVisible('.product-fallback')) fallbackFrames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Starts measuring each left-click on a link to a product page. */
export function measureNavigations(): void {
  document.addEventListener(
    'click',
    (event) => {
      const clickedAt = performance.now();
      if (event.button !== 0) return;
      if ((event.target as Element).closest?.('[data-retry]'))
        monitor.log('nav', 'retry clicked: the element reads its query again');
      const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
      const url = link?.href ? new URL(link.href) : undefined;
      if (url?.origin !== location.origin || !PRODUCT_PATH.test(url.pathname)) return;
      monitor.log('nav', `click on ${url.pathname}`);
      measure(url.pathname, clickedAt);
    },
    { capture: true },
  );
}
