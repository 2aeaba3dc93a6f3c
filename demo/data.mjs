// The mock catalogue the demo's API serves.
const names = [
  'Desk lamp',
  'Oak table',
  'Wool rug',
  'Linen chair',
  'Glass vase',
  'Brass clock',
  'Clay mug',
  'Felt pouf',
  'Cedar shelf',
  'Cotton throw',
  'Steel kettle',
  'Cork board',
];

export const products = names.map((name, i) => ({
  id: String(i + 1),
  name,
  price: { amount: 19 + i * 12, currency: 'EUR' },
  description: `${name}: made to last, shipped in two days.`,
  stock: (i * 7) % 11,
  hue: (i * 47) % 360,
}));

export function reviewsOf(id) {
  const name = products[Number(id) - 1].name.toLowerCase();
  return [
    { author: 'Ada', stars: 5, text: `The ${name} is exactly as described.` },
    { author: 'Linus', stars: 4, text: 'Good value. Arrived quickly.' },
    { author: 'Grace', stars: 3 + (Number(id) % 3), text: `Would buy the ${name} again.` },
  ];
}
