// The plain-HTML pages of the catalogue: DOM built by hand, data shown by <await-data>
// (data-field for the product, a `fulfilled` listener for lists). Text is always text.
import {
  flakyProduct,
  noteRead,
  product,
  productList,
  productPath,
  read,
  reviews,
  REVIEWS_LATENCY,
  type ProductSummary,
  type Review,
} from './lib/catalogue.js';
import type { Query } from '../src/index.js';

type Attrs = Record<string, string>;

/** Builds an element from a tag, attributes and children (strings become text nodes). */
export function h(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Calls `fill` with each value an `<await-data>` fulfills with (also a value it already has). */
function onValue<T>(element: HTMLElement, fill: (value: T) => void): void {
  element.addEventListener('fulfilled', (event) => fill((event as CustomEvent<{ value: T }>).detail.value));
}

function onError(element: HTMLElement, slot: HTMLElement): void {
  element.addEventListener('rejected', (event) => {
    const error = (event as CustomEvent<{ error: unknown }>).detail.error;
    slot.textContent = error instanceof Error ? error.message : String(error);
  });
}

const money = (price: ProductSummary['price']) => `${price.amount} ${price.currency}`;

function card(item: ProductSummary, base: string): HTMLElement {
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.setProperty('--hue', String(item.hue));
  return h(
    'li',
    {},
    h(
      'a',
      { class: 'card', href: productPath(base, item.id) },
      swatch,
      h('strong', {}, item.name),
      h('span', { class: 'card-price' }, money(item.price)),
    ),
  );
}

export function homeView(): HTMLElement {
  noteRead(productList);
  const grid = h('ul', { class: 'grid' });
  const list = h(
    'await-data',
    { query: 'products', args: '[]' },
    h('p', { slot: 'fallback', class: 'grid-fallback' }, 'Loading the catalogue…'),
    h(
      'p',
      { slot: 'error', class: 'error-box' },
      'Could not load the catalogue. ',
      h('button', { 'data-retry': '' }, 'Try again'),
    ),
    // One <prefetch-link> serves every link in the list.
    h('prefetch-link', {}, grid),
  );
  onValue<ProductSummary[]>(list, (items) => grid.replaceChildren(...items.map((item) => card(item, ''))));
  return h(
    'div',
    { class: 'home' },
    h(
      'section',
      { class: 'intro' },
      h('h1', {}, 'Catalogue'),
      h(
        'p',
        {},
        'Every product link below sits inside one ',
        h('code', {}, '<prefetch-link>'),
        '. Rest the pointer on a product and after 65 ms its data and its reviews start loading; by the time you click, the product is usually there. The panel shows each request, each cache hit and how long you waited.',
      ),
    ),
    list,
    h(
      'section',
      { class: 'aside-note' },
      h('h2', {}, 'The error route'),
      h(
        'p',
        {},
        'The API call of this product fails every other time (the mock API answers 500). The error shows with a button; the retry works. ',
        h('a', { href: '/flaky/5' }, 'Open the flaky product'),
      ),
    ),
  );
}

function reviewItem(review: Review): HTMLElement {
  const stars = h(
    'span',
    { class: 'stars', 'aria-label': `${review.stars} of 5 stars` },
    '★'.repeat(review.stars) + '☆'.repeat(5 - review.stars),
  );
  return h('li', {}, stars, ' ', h('strong', {}, review.author), h('p', {}, review.text));
}

function reviewsSection(id: string): HTMLElement {
  const list = h('ul', { class: 'review-list' });
  const part = h(
    'await-data',
    { class: 'reviews-data' },
    h(
      'p',
      { slot: 'fallback', class: 'reviews-fallback' },
      `Loading reviews… (the reviews API takes ${REVIEWS_LATENCY / 1000} s)`,
    ),
    h('p', { slot: 'error', class: 'error-box' }, 'Could not load the reviews.'),
    list,
  );
  // The slow part goes through defer(): the product is on screen while this one still waits.
  (part as HTMLElement & { promise: unknown }).promise = read(reviews, id);
  onValue<Review[]>(part, (items) => list.replaceChildren(...items.map(reviewItem)));
  return h('section', { class: 'reviews' }, h('h2', {}, 'Reviews'), part);
}

function productPart(q: Query<[string], unknown>, id: string): HTMLElement {
  noteRead(q, id);
  const swatch = h('div', { class: 'swatch big', 'aria-hidden': 'true' });
  const message = h('span', { class: 'error-text' });
  const part = h(
    'await-data',
    // fallback-min 0: once the product has arrived it shows at once. The default (300 ms) would
    // keep a fallback that appeared at 100 ms on screen until 400 ms, whenever the data came.
    { class: 'product', query: q.name, args: JSON.stringify([id]), 'fallback-min': '0' },
    h(
      'div',
      { slot: 'fallback', class: 'product-fallback skeleton', 'aria-label': 'Loading the product' },
      h('div', { class: 'swatch big' }),
      h('div', {}, h('span', { class: 'bar w60' }), h('span', { class: 'bar w30' }), h('span', { class: 'bar w80' })),
    ),
    h(
      'div',
      { slot: 'error', class: 'product-error error-box' },
      h('p', {}, 'Could not load this product: ', message),
      h('button', { 'data-retry': '' }, 'Try again'),
    ),
    h(
      'div',
      { class: 'product-body' },
      swatch,
      h(
        'div',
        {},
        h('h1', { class: 'product-name', 'data-field': 'name' }),
        h(
          'p',
          { class: 'price' },
          h('span', { 'data-field': 'price.amount' }),
          ' ',
          h('span', { 'data-field': 'price.currency' }),
        ),
        h('p', { 'data-field': 'description' }),
        h('p', { class: 'stock' }, 'In stock: ', h('span', { 'data-field': 'stock' })),
      ),
    ),
  );
  onValue<ProductSummary>(part, (value) => swatch.style.setProperty('--hue', String(value.hue)));
  onError(part, message);
  return part;
}

function pager(id: string, count = 12): HTMLElement {
  const n = Number(id);
  const previous = String(((n + count - 2) % count) + 1);
  const next = String((n % count) + 1);
  return h(
    'prefetch-link',
    {},
    h(
      'nav',
      { class: 'pager', 'aria-label': 'More products' },
      h('a', { href: productPath('', previous) }, '← Previous product'),
      h('a', { href: productPath('', next) }, 'Next product →'),
    ),
  );
}

export function productView(id: string): HTMLElement {
  return h(
    'div',
    { class: 'detail' },
    h('prefetch-link', {}, h('a', { class: 'back', href: '/' }, '← All products')),
    productPart(product, id),
    reviewsSection(id),
    pager(id),
  );
}

export function flakyView(id: string): HTMLElement {
  return h(
    'div',
    { class: 'detail' },
    h('a', { class: 'back', href: '/' }, '← All products'),
    h('p', { class: 'aside-note' }, 'The error route: this product fails every other time.'),
    productPart(flakyProduct, id),
    reviewsSection(id),
  );
}

export function notFoundView(): HTMLElement {
  return h(
    'div',
    { class: 'intro' },
    h('h1', {}, 'Not found'),
    h('p', {}, 'No such page. ', h('a', { href: '/' }, 'Back to the catalogue')),
  );
}
