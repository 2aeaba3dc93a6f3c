import { query } from '../src/index.js';

export const product = query(async function (id: string) {
  const response = await fetch(`/api/products/${id}`, { signal: this.signal });
  if (!response.ok) throw new Error(`product ${id}: HTTP ${response.status}`);
  return response.json();
}, 'product');
