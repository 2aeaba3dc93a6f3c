// zone.js (the default in most Angular apps) patches every listener to run the microtask queue
// right after it, so a promise can settle while <await-data> is still dispatching `pending`.
import 'zone.js';
import { expect } from '@open-wc/testing';
import { frames } from '../helpers/frames.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import '../../src/await-data/index.js';

describe('<await-data> with zone.js loaded', () => {
  const insert = (listen: (el: AwaitDataElement) => void) => {
    const box = document.createElement('div');
    const el = document.createElement('await-data');
    el.innerHTML = '<p slot="fallback">Loading…</p><h1 data-field="name"></h1>';
    el.promise = Promise.resolve({ name: 'Settled' }); // settled, but not readable synchronously
    box.append(el);
    listen(el);
    document.body.append(box);
    return { el, box };
  };

  it('shows an already-settled promise although a pending listener runs the microtasks', async () => {
    const { el, box } = insert((el) => el.addEventListener('pending', () => {}));
    await el.updateComplete;
    await frames(() => el.status !== 'pending', 30).catch(() => {}); // checked below
    expect(el.status).to.equal('fulfilled');
    expect(el.hasAttribute('aria-busy')).to.be.false;
    expect(el.querySelector('h1')!.textContent).to.equal('Settled');
    box.remove();
  });

  it('does the same with a capturing pending listener on an ancestor', async () => {
    const { el, box } = insert((el) => el.parentElement!.addEventListener('pending', () => {}, true));
    await el.updateComplete;
    await frames(() => el.status !== 'pending', 30).catch(() => {}); // checked below
    expect(el.status).to.equal('fulfilled');
    expect(el.querySelector('h1')!.textContent).to.equal('Settled');
    box.remove();
  });
});
