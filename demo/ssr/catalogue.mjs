// The server-rendered demo's catalogue: the demo's twelve products, and a thirteenth whose name,
// description and reviews carry every string that could break out of HTML if it were not
// escaped, so anyone can open /ssr/products/13 and see them shown as text.
import { products, reviewsOf } from '../data.mjs';

/** Ends a script, opens a comment, closes attributes and elements, and tries to run code. */
export const HOSTILE =
  '</script><script>alert("script")</script><!-- "double" \'single\' & <b>bold</b> > ' +
  '<img src=x onerror="alert(\'img\')"> \u2028(U+2028)\u2029(U+2029) </streamed-data></await-data>';

const hostileProduct = {
  id: '13',
  name: `Hostile </script> <!-- "quotes" & <b>tags</b>`,
  price: { amount: 13, currency: '<EUR>' },
  description: `Everything here is text: ${HOSTILE}`,
  stock: 0,
  hue: 0,
};

/** Every product, by id. */
export const catalogue = new Map([...products, hostileProduct].map((product) => [product.id, product]));

/** A product's reviews; the hostile product's say it all again, and one carries `__proto__` and `constructor` keys. */
export function reviewsFor(id) {
  if (id !== hostileProduct.id) return reviewsOf(id);
  const keys = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
  return [
    { author: '<script>', stars: 1, text: HOSTILE },
    { author: 'Mallory & "Eve"', stars: 2, text: '</body></html><!-- the page ends here? It does not.', ...keys },
  ];
}
