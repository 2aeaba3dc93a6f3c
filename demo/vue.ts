// The catalogue in Vue 3: the same elements, the same cache, the same panel. Templates are
// compiled in the browser (the full build of Vue), told which tags are custom elements;
// `.prop` sets a property (`:query.prop="product"`), `@fulfilled` listens to an event.
import '../src/index.js'; // defines <prefetch-link> and <await-data>
import { createApp, defineComponent, markRaw, ref, shallowRef, type PropType } from 'vue';
import type { Query } from '../src/index.js';
import {
  flakyProduct,
  noteRead,
  peekValue,
  product,
  productList,
  productPath,
  read,
  reviews,
  REVIEWS_LATENCY,
  registerCataloguePreloads,
  type Product,
  type Review,
} from './lib/catalogue.js';
import { mountPanel } from './lib/panel.js';
import { startRouter } from './lib/router.js';
import { measureNavigations } from './lib/timing.js';

const BASE = '/vue';
registerCataloguePreloads(BASE);
measureNavigations();
mountPanel(document.querySelector<HTMLElement>('.layout') ?? document.body);

const PAGES = /^\/vue(?:\/(products|flaky)\/([^/]+))?\/?$/;
const route = shallowRef(new URL(location.href));
startRouter({
  render(url) {
    if (!PAGES.test(url.pathname)) return false;
    route.value = url;
    return true;
  },
});

/** A query's value as a ref: the cached value at once, then each value `<await-data>` announces. */
function useQueryValue<A extends unknown[], T>(q: Query<A, T>, args: A) {
  noteRead(q, ...args);
  const value = shallowRef(peekValue(q, ...args));
  const error = ref('');
  return {
    value,
    error,
    // Raw, so Vue hands the element the query and the array themselves, not reactive proxies.
    query: markRaw(q),
    args: markRaw(args),
    onFulfilled: (event: CustomEvent<{ value: T }>) => (value.value = event.detail.value),
    onRejected: (event: CustomEvent<{ error: Error }>) =>
      (error.value = event.detail.error?.message ?? String(event.detail.error)),
  };
}

const Home = defineComponent({
  setup: () => ({ list: useQueryValue(productList, []), productPath, BASE }),
  template: `
    <div class="home">
      <section class="intro">
        <h1>Catalogue in Vue 3</h1>
        <p>The same <code>&lt;prefetch-link&gt;</code> and <code>&lt;await-data&gt;</code> in a Vue template: the query is bound with
          <code>:query.prop</code> and the list is a ref, set from <code>@fulfilled</code>.</p>
      </section>
      <await-data :query.prop="list.query" :args.prop="list.args" @fulfilled="list.onFulfilled">
        <p slot="fallback" class="grid-fallback">Loading the catalogue…</p>
        <p slot="error" class="error-box">Could not load the catalogue. <button data-retry>Try again</button></p>
        <prefetch-link>
          <ul class="grid">
            <li v-for="item in list.value.value" :key="item.id">
              <a class="card" :href="productPath(BASE, item.id)">
                <span class="swatch" aria-hidden="true" :style="{ '--hue': item.hue }"></span>
                <strong>{{ item.name }}</strong>
                <span class="card-price">{{ item.price.amount }} {{ item.price.currency }}</span>
              </a>
            </li>
          </ul>
        </prefetch-link>
      </await-data>
      <section class="aside-note">
        <h2>The error route</h2>
        <p>This product fails every other time; the retry works. <a :href="BASE + '/flaky/5'">Open the flaky product</a></p>
      </section>
    </div>`,
});

const ProductPart = defineComponent({
  props: {
    q: { type: Function as unknown as PropType<Query<[string], Product>>, required: true },
    id: { type: String, required: true },
  },
  setup: (props) => ({ p: useQueryValue(props.q, [props.id]) }),
  template: `
    <await-data class="product" fallback-min="0" :query.prop="p.query" :args.prop="p.args" @fulfilled="p.onFulfilled" @rejected="p.onRejected">
      <div slot="fallback" class="product-fallback skeleton" aria-label="Loading the product">
        <div class="swatch big"></div>
        <div><span class="bar w60"></span><span class="bar w30"></span><span class="bar w80"></span></div>
      </div>
      <div slot="error" class="product-error error-box">
        <p>Could not load this product: {{ p.error.value }}</p>
        <button data-retry>Try again</button>
      </div>
      <div v-if="p.value.value" class="product-body">
        <div class="swatch big" aria-hidden="true" :style="{ '--hue': p.value.value.hue }"></div>
        <div>
          <h1 class="product-name">{{ p.value.value.name }}</h1>
          <p class="price">{{ p.value.value.price.amount }} {{ p.value.value.price.currency }}</p>
          <p>{{ p.value.value.description }}</p>
          <p class="stock">In stock: {{ p.value.value.stock }}</p>
        </div>
      </div>
    </await-data>`,
});

const Reviews = defineComponent({
  props: { id: { type: String, required: true } },
  setup(props) {
    // The slow part through defer(): a Deferred as the element's `promise` property.
    const promise = markRaw(read(reviews, props.id));
    const items = shallowRef<Review[] | undefined>(promise.status === 'fulfilled' ? promise.value : undefined);
    const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);
    return { promise, items, stars, seconds: REVIEWS_LATENCY / 1000 };
  },
  template: `
    <section class="reviews">
      <h2>Reviews</h2>
      <await-data :promise.prop="promise" @fulfilled="items = $event.detail.value">
        <p slot="fallback" class="reviews-fallback">Loading reviews… (the reviews API takes {{ seconds }} s)</p>
        <p slot="error" class="error-box">Could not load the reviews.</p>
        <ul class="review-list">
          <li v-for="review in items" :key="review.author">
            <span class="stars" :aria-label="review.stars + ' of 5 stars'">{{ stars(review.stars) }}</span>
            <strong> {{ review.author }}</strong>
            <p>{{ review.text }}</p>
          </li>
        </ul>
      </await-data>
    </section>`,
});

const Detail = defineComponent({
  components: { ProductPart, Reviews },
  props: { id: { type: String, required: true }, flaky: Boolean },
  setup(props) {
    const n = Number(props.id);
    return {
      q: markRaw(props.flaky ? flakyProduct : product),
      previous: productPath(BASE, String(((n + 10) % 12) + 1)),
      next: productPath(BASE, String((n % 12) + 1)),
      BASE,
    };
  },
  template: `
    <div class="detail">
      <prefetch-link><a class="back" :href="BASE">← All products</a></prefetch-link>
      <p v-if="flaky" class="aside-note">The error route: this product fails every other time.</p>
      <ProductPart :q="q" :id="id" />
      <Reviews :id="id" />
      <prefetch-link v-if="!flaky">
        <nav class="pager" aria-label="More products">
          <a :href="previous">← Previous product</a>
          <a :href="next">Next product →</a>
        </nav>
      </prefetch-link>
    </div>`,
});

const App = defineComponent({
  components: { Home, Detail },
  setup() {
    const parts = () => route.value.pathname.match(PAGES) ?? [];
    return { route, parts };
  },
  // Keyed by path: another product is a new component, with no state of the previous one.
  template: `
    <Home v-if="!parts()[1]" />
    <Detail v-else :key="route.pathname" :id="decodeURIComponent(parts()[2])" :flaky="parts()[1] === 'flaky'" />`,
});

const app = createApp(App);
app.config.compilerOptions.isCustomElement = (tag) => tag === 'await-data' || tag === 'prefetch-link';
app.mount('main');
