// The mock catalogue the demo's API serves.
const names = ['Desk lamp', 'Oak table', 'Wool rug', 'Linen chair', 'Glass vase', 'Brass clock', 'Clay mug', 'Felt pouf'];

export const products = names.map((name, i) => ({
  id: String(i + 1),
  name,
  price: { amount: 19 + i * 12, currency: 'EUR' },
  description: `${name}: made to last, shipped in two days.`,
  stock: (i * 7) % 11,
}));

export function reviewsOf(id) {
  return [
    { author: 'Ada', stars: 5, text: `The ${products[Number(id) - 1].name.toLowerCase()} is exactly as described.` },
    { author: 'Linus', stars: 4, text: 'Good value. Arrived quickly.' },
  ];
}
