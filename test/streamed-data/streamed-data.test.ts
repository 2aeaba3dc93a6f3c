import { expect, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { fakeTimeouts } from '../helpers/timers.js';
import { defaultCache, query, type Query } from '../../src/cache/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { streamedParts } from '../../src/streamed-data/store.js';
import '../../src/index.js';

// What a page does with the <streamed-data> elements a server's stream writes into it. Each test
// names its own query: the record and the shared cache are the page's, as in a real page.
let count = 0;
const uniqueName = () => `streamed${++count}`;

/** Appends the element a server writes, with these attributes; it upgrades at once. */
function receive(attributes: Record<string, string>): Element {
  const element = document.createElement('streamed-data');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.hidden = true;
  document.body.append(element);
  return element;
}

/** A query of the shared cache, registered now, whose fetches the test watches. */
function register<T>(name: string) {
  const { fetcher, calls } = controlledFetcher<T>();
  return { q: query(fetcher, name) as Query<unknown[], T>, fetches: calls };
}

/** An `<await-data>` as the page has it, after its entries were received. */
function awaitData(name: string): AwaitDataElement {
  const element = document.createElement('await-data');
  element.setAttribute('query', name);
  element.setAttribute('args', '["a"]');
  element.innerHTML =
    '<p slot="fallback">Loading</p><p slot="error">Failed <button data-retry>Retry</button></p><b data-field="x"></b>';
  document.body.append(element);
  return element;
}

describe('<streamed-data>', () => {
  afterEach(() => {
    for (const element of document.querySelectorAll('await-data')) element.remove();
  });

  it('hands a value to a query registered later, dated by its age, and removes itself', async () => {
    const name = uniqueName();
    const element = receive({ query: name, args: '["a"]', status: 'fulfilled', value: '{"x":1}', age: '1000' });
    expect(element.isConnected, 'read once, then gone').to.be.false;
    expect(streamedParts.snapshot(defaultCache, name, '["a"]')).to.deep.equal({
      status: 'fulfilled',
      value: { x: 1 },
      error: undefined,
    });
    const { q, fetches } = register<{ x: number }>(name);
    await flush();
    const entry = q.peek('a')!;
    expect(entry.value).to.deep.equal({ x: 1 });
    expect(Date.now() - entry.updatedAt).to.be.within(1000, 1500);
    expect(await q('a')).to.deep.equal({ x: 1 });
    expect(fetches).to.have.length(0);
    expect(streamedParts.snapshot(defaultCache, name, '["a"]'), 'the cache has it now, the record none').to.be
      .undefined;
  });

  it('shows a value the server sends later to an <await-data> whose query is not registered yet', async () => {
    const name = uniqueName();
    receive({ query: name, args: '["a"]', status: 'pending', timeout: '5000' });
    const el = awaitData(name); // the app's module, which registers the query, has not run yet
    await flush();
    expect(el.status).to.equal('pending');
    const fulfilled = oneEvent(el, 'fulfilled');
    receive({ query: name, args: '["a"]', status: 'fulfilled', value: '{"x":3}', age: '0' });
    await fulfilled;
    expect(el.querySelector('[data-field="x"]')!.textContent).to.equal('3');
    const { q, fetches } = register<{ x: number }>(name); // the app's module runs at last
    await flush();
    expect(q.peek('a')!.value).to.deep.equal({ x: 3 });
    expect(el.status).to.equal('fulfilled');
    expect(fetches, 'nothing the server sent is fetched').to.have.length(0);
  });

  it('makes an announced entry the fetch in flight: readers wait for the value, nothing is fetched', async () => {
    const name = uniqueName();
    const { q, fetches } = register<{ x: number }>(name);
    receive({ query: name, args: '["a"]', status: 'pending', timeout: '5000' });
    const el = awaitData(name);
    await flush();
    expect(el.status).to.equal('pending');
    const read = q('a');
    const fulfilled = oneEvent(el, 'fulfilled');
    receive({ query: name, args: '["a"]', status: 'fulfilled', value: '{"x":2}', age: '0' });
    expect(await read).to.deep.equal({ x: 2 });
    await fulfilled;
    expect(el.querySelector('b')!.textContent).to.equal('2');
    expect(fetches).to.have.length(0);
  });

  it("shows the server's error in the error slot without fetching; the retry button fetches", async () => {
    const name = uniqueName();
    const { fetches } = register<{ x: number }>(name);
    receive({
      query: name,
      args: '["a"]',
      status: 'rejected',
      error: '{"message":"The server could not load this part.","digest":"d1"}',
    });
    const el = awaitData(name);
    await oneEvent(el, 'rejected');
    expect((el.error as Error).message).to.equal('The server could not load this part.');
    expect((el.error as Error & { digest: string }).digest).to.equal('d1');
    expect(fetches).to.have.length(0);
    el.querySelector('button')!.click();
    expect(fetches).to.have.length(1);
  });

  it('ignores a repeated entry, and reports a malformed one without throwing', async () => {
    const name = uniqueName();
    const { q } = register<{ x: number }>(name);
    receive({ query: name, args: '["a"]', status: 'fulfilled', value: '{"x":1}' });
    receive({ query: name, args: '["a"]', status: 'fulfilled', value: '{"x":"again"}' });
    expect(q.peek('a')!.value).to.deep.equal({ x: 1 });
    const error = sinon.stub(console, 'error');
    try {
      receive({ query: name, args: '["a"', status: 'fulfilled', value: '{}' });
      receive({ query: name, status: 'done' });
      const messages = error.args.map((args) => String(args[0]));
      expect(messages).to.have.length(2);
      expect(messages[0]).to.match(/^prefetch-elements: <streamed-data> ignored: args is not valid JSON: /);
      expect(messages[1]).to.equal('prefetch-elements: <streamed-data> ignored: status is "done"');
    } finally {
      error.restore();
    }
  });

  it('fetches an announced entry itself once the server is overdue (its timeout and a 2 s grace)', async () => {
    const name = uniqueName();
    const { fetches } = register<{ x: number }>(name);
    const clock = fakeTimeouts();
    try {
      receive({ query: name, args: '["a"]', status: 'pending', timeout: '100' });
      const el = awaitData(name);
      await flush();
      clock.tick(2_099);
      expect(fetches).to.have.length(0);
      clock.tick(1);
      expect(fetches).to.have.length(1);
      const fulfilled = oneEvent(el, 'fulfilled');
      fetches[0].resolve({ x: 3 });
      await fulfilled;
      expect(el.querySelector('b')!.textContent).to.equal('3');
    } finally {
      clock.restore();
    }
  });

  it('gives a reader that awaited an overdue entry (with no element on it) the value the page fetches', async () => {
    const name = uniqueName();
    const { q, fetches } = register<{ x: number }>(name);
    const clock = fakeTimeouts();
    try {
      receive({ query: name, args: '["a"]', status: 'pending', timeout: '100' });
      const read = q('a'); // a script awaits the entry; nothing subscribes to it
      clock.tick(2_100);
      expect(fetches, 'the page fetches what never arrived').to.have.length(1);
      fetches[0].resolve({ x: 4 });
      expect(await read).to.deep.equal({ x: 4 });
    } finally {
      clock.restore();
    }
  });
});
