import { expect } from '@open-wc/testing';
import { defer, isThenable } from '../../src/cache/index.js';
import { deferred, flush } from '../helpers/deferred.js';

describe('defer()', () => {
  it('tracks a pending promise that fulfils, synchronously after it settles', async () => {
    const source = deferred<string>();
    const value = defer(source.promise);
    expect(value.status).to.equal('pending');
    source.resolve('reviews');
    await flush();
    expect(value).to.include({ status: 'fulfilled', value: 'reviews' });
    expect(await value).to.equal('reviews');
  });

  // Found by the leak suite (test/leaks/): wrapping added a reaction to the promise each time.
  it('gives the same Deferred for the same promise, which carries one reaction of ours', async () => {
    let reactions = 0;
    const thenable = {
      then(onFulfilled: (value: string) => void) {
        reactions++;
        onFulfilled('once');
      },
    } as unknown as PromiseLike<string>;
    const first = defer(thenable);
    expect(defer(thenable)).to.equal(first);
    await flush();
    expect(defer(thenable)).to.equal(first);
    expect(reactions).to.equal(1);
    expect(first).to.include({ status: 'fulfilled', value: 'once' });
  });

  it('is already fulfilled for a plain value, with no tick in between', () => {
    const value = defer({ stars: 5 });
    expect(value.status).to.equal('fulfilled');
    expect(value.value).to.deep.equal({ stars: 5 });
  });

  it('returns a Deferred that is already settled as it is', async () => {
    const first = defer(Promise.resolve(1));
    await first;
    expect(first.status).to.equal('fulfilled');
    const again = defer(first);
    expect(again).to.equal(first);
    expect(again.value).to.equal(1);
  });

  it('marks a rejection handled at once, and still rejects for whoever awaits it', async () => {
    const reasons: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      reasons.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      const value = defer(Promise.reject(new Error('reviews down')));
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(reasons).to.deep.equal([]);
      expect(value.status).to.equal('rejected');
      expect((value.reason as Error).message).to.equal('reviews down');
      const caught = await value.then(
        () => 'fulfilled',
        (error: Error) => error.message,
      );
      expect(caught).to.equal('reviews down');
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
    }
  });

  it('takes a plain object with a status field for a value, not for a Deferred', () => {
    const order = { id: 7, status: 'shipped' };
    const shipped = defer(order);
    expect(shipped).to.not.equal(order);
    expect(shipped).to.include({ status: 'fulfilled', value: order });
    const lookalike = { status: 'pending' };
    expect(defer(lookalike)).to.include({ status: 'fulfilled', value: lookalike });
  });

  it('recognises thenables', () => {
    expect(isThenable(Promise.resolve())).to.equal(true);
    expect(isThenable({ then() {} })).to.equal(true);
    expect(isThenable({ then: 1 })).to.equal(false);
    expect(isThenable(null)).to.equal(false);
    expect(isThenable(42)).to.equal(false);
  });
});
