// What the framework apps of the embedding tests share: their state and the link they render.
// No test tooling here, so each framework's own type checker can read it with the components.
import type { Query } from '../../src/cache/index.js';

export interface Product {
  id: string;
  name: string;
}

/** What the app renders from; the framework keeps it as its own state. */
export interface AppState {
  label: string;
  id: string;
  promise: Promise<Product>;
  query: Query<[id: string], Product>;
}

/** The link's href for a product id. */
export const productHref = (id: string) => `/frameworks/products/${id}`;
