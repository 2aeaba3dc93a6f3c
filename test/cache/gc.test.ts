import { expect } from '@open-wc/testing';
import { query } from '../../src/cache/index.js';
import { controlledFetcher, flush } from '../helpers/deferred.js';
import { cacheSuite } from '../helpers/cache.js';

describe('garbage collection', () => {
  const suite = cacheSuite();

  async function settled(options: { gcTime?: number } = {}) {
    const control = controlledFetcher<string>();
    const product = query(control.fetcher, 'product', { cache: suite.cache, ...options });
    const read = product('1');
    control.calls[0].resolve('one');
    await read;
    return { product, calls: control.calls };
  }

  it('collects an entry that never had a subscriber gcTime after its last use', async () => {
    const { product } = await settled({ gcTime: 1_000 });
    suite.clock.tick(999);
    expect(product.peek('1')?.value).to.equal('one');
    suite.clock.tick(1);
    expect(product.peek('1')).to.equal(undefined);
  });

  it('counts from the last read, not from the fetch', async () => {
    const { product } = await settled({ gcTime: 1_000 });
    suite.clock.tick(800);
    await product('1');
    suite.clock.tick(800);
    expect(product.peek('1')).to.not.equal(undefined);
    suite.clock.tick(200);
    expect(product.peek('1')).to.equal(undefined);
  });

  it('never collects an entry while it has a subscriber, and collects it after the last one leaves', async () => {
    const { product } = await settled({ gcTime: 1_000 });
    const stopA = product.subscribe(['1'], () => {});
    const stopB = product.subscribe(['1'], () => {});
    suite.clock.tick(10_000);
    expect(product.peek('1')?.value).to.equal('one');
    stopA();
    suite.clock.tick(10_000);
    expect(product.peek('1')?.value).to.equal('one');
    stopB();
    suite.clock.tick(999);
    expect(product.peek('1')).to.not.equal(undefined);
    suite.clock.tick(1);
    expect(product.peek('1')).to.equal(undefined);
  });

  it('with gcTime 0 collects right after the read, in the next task', async () => {
    const { product, calls } = await settled({ gcTime: 0 });
    expect(product.peek('1')?.value).to.equal('one');
    suite.clock.tick(0);
    expect(product.peek('1')).to.equal(undefined);
    product('1');
    expect(calls).to.have.length(2);
  });

  it('clamps a huge gcTime instead of letting setTimeout overflow and fire at once', async () => {
    const { product } = await settled({ gcTime: 2 ** 31 + 10_000 });
    suite.clock.tick(10);
    expect(product.peek('1')?.value).to.equal('one');
    suite.clock.tick(2 ** 31 - 1);
    expect(product.peek('1')?.value).to.equal('one');
    suite.clock.tick(20_000);
    expect(product.peek('1')).to.equal(undefined);
  });

  it('with gcTime Infinity keeps the entry and sets no timer', async () => {
    const timersBefore = suite.clock.countTimers();
    const { product } = await settled({ gcTime: Infinity });
    expect(suite.clock.countTimers()).to.equal(timersBefore);
    suite.clock.tick(10 ** 12);
    expect(product.peek('1')?.value).to.equal('one');
  });

  it('keeps an entry whose fetch is still in flight', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache, gcTime: 100 });
    const read = product('1');
    suite.clock.tick(1_000);
    calls[0].resolve('late');
    expect(await read).to.equal('late');
    expect(product.peek('1')?.value).to.equal('late');
    suite.clock.tick(100);
    expect(product.peek('1')).to.equal(undefined);
  });

  it('leaves no timer behind once the cache is cleared', async () => {
    const timersBefore = suite.clock.countTimers();
    const { product } = await settled({ gcTime: 60_000 });
    expect(suite.clock.countTimers()).to.equal(timersBefore + 1);
    suite.cache.clear();
    expect(product.peek('1')).to.equal(undefined);
    expect(suite.clock.countTimers()).to.equal(timersBefore);
  });

  it('arms no timer for a removed entry whose fetch settles late', async () => {
    const { fetcher, calls } = controlledFetcher<string>();
    const product = query(fetcher, 'product', { cache: suite.cache, gcTime: 60_000 });
    const timersBefore = suite.clock.countTimers();
    const read = product('1');
    suite.cache.clear(); // nobody subscribes: dropped, its fetch aborted
    calls[0]!.resolve('late');
    expect(await read).to.equal('late');
    await flush();
    expect(suite.clock.countTimers()).to.equal(timersBefore);
  });

  it('serves one timer for the whole cache, however many entries wait', async () => {
    const { fetcher, calls } = controlledFetcher<number>();
    const item = query(fetcher as (id: number) => Promise<number>, 'item', { cache: suite.cache, gcTime: 5_000 });
    const timersBefore = suite.clock.countTimers();
    const reads = Array.from({ length: 100 }, (_, i) => item(i));
    calls.forEach((call, i) => call.resolve(i));
    await Promise.all(reads);
    await flush();
    expect(suite.clock.countTimers() - timersBefore).to.equal(1);
    suite.clock.tick(5_000);
    expect(item.peek(0)).to.equal(undefined);
    expect(item.peek(99)).to.equal(undefined);
    expect(suite.clock.countTimers()).to.equal(timersBefore);
  });
});
