// `data-field`s that appear after the value: a framework renders them later, at any depth, inside
// children that were already there. The element fills those of its own while it is connected and
// fulfilled, and no others.
import { expect, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import { defer } from '../../src/cache/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { nextTask } from '../helpers/deferred.js';
import { deferred, mount } from './helpers.js';

/** A `<span data-field="path">`, as a framework would create it. */
function field(path: string): HTMLElement {
  const span = document.createElement('span');
  span.dataset.field = path;
  return span;
}

describe('<await-data> fields added later', () => {
  it('fills a field added at depth 2 and at depth 3 after it fulfilled', async () => {
    const el = await mount(
      html`<await-data .promise=${defer({ name: 'Lamp', price: { amount: 12 } })}
        ><div class="card"></div>
        <ul>
          <li></li></ul
      ></await-data>`,
    );
    const atDepth2 = field('name');
    el.querySelector('.card')!.append(atDepth2);
    // Depth 3, rendered by lit into the list item, as a framework's later render would.
    render(html`<b data-field="price.amount"></b>`, el.querySelector('li')!);
    expect(atDepth2.textContent, 'not filled synchronously: a later microtask fills it').to.equal('');
    await nextTask();
    expect(atDepth2.textContent).to.equal('Lamp');
    expect(el.querySelector('li b')!.textContent).to.equal('12');
    el.remove();
  });

  it('fills the fields of a whole subtree added at once, and a field nested deeper later', async () => {
    const el = await mount(html`<await-data .promise=${defer({ a: 'A', b: 'B' })}><section></section></await-data>`);
    const row = document.createElement('div');
    row.innerHTML = '<p><i data-field="a"></i></p><p><i data-field="b"></i></p>';
    el.querySelector('section')!.append(row);
    await nextTask();
    expect([...row.querySelectorAll('i')].map((i) => i.textContent)).to.deep.equal(['A', 'B']);
    const deeper = field('b');
    row.querySelector('p i')!.after(deeper);
    await nextTask();
    expect(deeper.textContent).to.equal('B');
    el.remove();
  });

  it('leaves a field added inside a nested <await-data> to that one', async () => {
    const inner = deferred<{ name: string }>();
    const outer = await mount(
      html`<await-data .promise=${defer({ name: 'outer' })}>
        <await-data id="settled" .promise=${defer({ name: 'settled inner' })}><div></div></await-data>
        <await-data id="pending" .promise=${inner.promise}><div></div></await-data>
      </await-data>`,
    );
    const inSettled = field('name');
    const inPending = field('name');
    const inOuter = field('name');
    outer.querySelector('#settled div')!.append(inSettled);
    outer.querySelector('#pending div')!.append(inPending);
    outer.append(inOuter);
    await nextTask();
    expect(inSettled.textContent).to.equal('settled inner');
    expect(inPending.textContent, 'the outer one filled a field of a pending inner one').to.equal('');
    expect(inOuter.textContent).to.equal('outer');
    const pendingInner = outer.querySelector<AwaitDataElement>('#pending')!;
    const fulfilled = oneEvent(pendingInner, 'fulfilled');
    inner.resolve({ name: 'late inner' });
    await fulfilled;
    expect(inPending.textContent).to.equal('late inner');
    expect(inOuter.textContent).to.equal('outer');
    outer.remove();
  });

  it('fills a field added while pending when it fulfils, not before', async () => {
    const data = deferred<{ name: string }>();
    const el = await mount(
      html`<await-data .promise=${data.promise}
        ><div><p></p></div
      ></await-data>`,
    );
    const added = field('name');
    el.querySelector('p')!.append(added);
    await nextTask();
    expect(el.status).to.equal('pending');
    expect(added.textContent).to.equal('');
    const fulfilled = oneEvent(el, 'fulfilled');
    data.resolve({ name: 'Ready' });
    await fulfilled;
    expect(added.textContent).to.equal('Ready');
    el.remove();
  });

  it('does not fill a field added while disconnected, and fills it once connected again', async () => {
    const el = await mount(
      html`<await-data .promise=${defer({ name: 'Lamp' })}
        ><div><p></p></div
      ></await-data>`,
    );
    const container = el.parentElement!;
    el.remove();
    const added = field('name');
    el.querySelector('p')!.append(added);
    await nextTask();
    expect(added.textContent).to.equal('');
    container.append(el);
    expect(added.textContent).to.equal('Lamp');
    el.remove();
  });

  it('does not fill a field added while disconnected in the same task as the removal', async () => {
    const el = await mount(html`<await-data .promise=${defer({ name: 'Lamp' })}><div></div></await-data>`);
    const added = field('name');
    el.querySelector('div')!.append(added);
    el.remove();
    await nextTask();
    expect(added.textContent).to.equal('');
  });

  for (const { state, next } of [
    { state: 'rejected', next: () => Promise.reject(new Error('gone')) },
    { state: 'pending again', next: () => deferred().promise },
  ]) {
    it(`does not fill a field added after it went ${state} with the old value`, async () => {
      const el = await mount(
        html`<await-data .promise=${defer({ name: 'old' })}
          ><p slot="error">Failed</p>
          <div></div
        ></await-data>`,
      );
      const before = field('name');
      el.querySelector('div')!.append(before);
      await nextTask();
      expect(before.textContent).to.equal('old');
      el.promise = next();
      await el.updateComplete;
      await nextTask();
      expect(el.status).to.equal(state === 'rejected' ? 'rejected' : 'pending');
      expect(el.value, 'the last value is still there to be misused').to.deep.equal({ name: 'old' });
      const after = field('name');
      el.querySelector('div')!.append(after);
      await nextTask();
      expect(after.textContent).to.equal('');
      el.remove();
    });
  }

  it('fills fields added later in each of 600 elements (more than one observer takes on)', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    const elements = Array.from({ length: 600 }, (_, i) => {
      const el = document.createElement('await-data');
      el.innerHTML = '<div></div>';
      el.promise = defer({ name: `item ${i}` });
      return el;
    });
    container.append(...elements);
    await Promise.all(elements.map((el) => el.updateComplete));
    const added = elements.map((el) => el.firstElementChild!.appendChild(field('name')));
    await nextTask();
    expect(added.filter((span, i) => span.textContent !== `item ${i}`)).to.have.length(0);
    container.remove();
  });

  it('fills a field moved into another fulfilled element with that one’s value', async () => {
    const first = await mount(html`<await-data .promise=${defer({ name: 'first' })}><div></div></await-data>`);
    const second = await mount(html`<await-data .promise=${defer({ name: 'second' })}><div></div></await-data>`);
    const moved = field('name');
    first.querySelector('div')!.append(moved);
    await nextTask();
    expect(moved.textContent).to.equal('first');
    second.querySelector('div')!.append(moved);
    await nextTask();
    expect(moved.textContent).to.equal('second');
    first.remove();
    second.remove();
  });
});
