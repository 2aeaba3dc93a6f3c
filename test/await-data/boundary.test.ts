import { expect, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { defer } from '../../src/cache/index.js';
import type { AwaitDataElement } from '../../src/await-data/index.js';
import { controlledQuery, deferred, isVisible, mount, shown } from './helpers.js';

describe('<await-data> as an error boundary', () => {
  let consoleError: sinon.SinonStub;
  beforeEach(() => (consoleError = sinon.stub(console, 'error')));
  afterEach(() => sinon.restore());

  const nested = (inner: PromiseLike<unknown>) =>
    mount(
      html`<await-data .promise=${defer('outer')}>
        <p slot="error" id="outer-error">Something failed. <button data-retry>Retry</button></p>
        <section>
          <await-data fallback-delay="0" fallback-min="0" .promise=${inner}><p>inner content</p></await-data>
        </section>
      </await-data>`,
    );

  it('shows a descendant’s rejection in the nearest ancestor that has error content', async () => {
    const d = deferred();
    const outer = await nested(d.promise);
    const inner = outer.querySelector('await-data')!;
    const rejected = oneEvent(inner, 'rejected');
    const error = new Error('reviews: HTTP 500');
    d.reject(error);
    expect((await rejected).detail.error).to.equal(error);
    await outer.updateComplete;
    expect(inner.status).to.equal('rejected');
    expect(outer.status).to.equal('fulfilled');
    expect(shown(outer)).to.deep.equal(['error']);
    expect(isVisible(outer.querySelector('#outer-error'))).to.be.true;
    expect(isVisible(inner)).to.be.false;
    expect(consoleError).not.to.have.been.called;
    await expect(outer).to.be.accessible();
  });

  it('lets the nearest boundary catch it, not one further out', async () => {
    const d = deferred();
    const outer = await mount(
      html`<await-data .promise=${defer(1)}>
        <p slot="error" id="far">far</p>
        <await-data .promise=${defer(2)} id="near">
          <p slot="error">near</p>
          <await-data .promise=${d.promise}></await-data>
        </await-data>
      </await-data>`,
    );
    const near = outer.querySelector<AwaitDataElement>('#near')!;
    d.reject(new Error('x'));
    await oneEvent(near.querySelector('await-data')!, 'rejected');
    await near.updateComplete;
    await outer.updateComplete;
    expect(shown(near)).to.deep.equal(['error']);
    expect(shown(outer)).to.deep.equal(['content']);
  });

  it('leaves an element with its own error content to show its own', async () => {
    const d = deferred();
    const outer = await mount(
      html`<await-data .promise=${defer(1)}>
        <p slot="error">outer</p>
        <await-data fallback-delay="0" fallback-min="0" .promise=${d.promise}><p slot="error">inner</p></await-data>
      </await-data>`,
    );
    const inner = outer.querySelector('await-data')!;
    d.reject(new Error('x'));
    await oneEvent(inner, 'rejected');
    await inner.updateComplete;
    expect(shown(inner)).to.deep.equal(['error']);
    expect(shown(outer)).to.deep.equal(['content']);
    expect(consoleError).not.to.have.been.called;
  });

  it('reaches a boundary across shadow roots', async () => {
    const d = deferred();
    const outer = await mount(
      html`<await-data .promise=${defer(1)}
        ><p slot="error">outer</p>
        <div></div
      ></await-data>`,
    );
    const root = outer.querySelector('div')!.attachShadow({ mode: 'open' });
    const inner = document.createElement('await-data');
    inner.promise = d.promise;
    root.append(inner);
    d.reject(new Error('x'));
    await oneEvent(inner, 'rejected');
    await outer.updateComplete;
    expect(shown(outer)).to.deep.equal(['error']);
  });

  it('reaches a boundary inside the shadow root its content is slotted into', async () => {
    const d = deferred();
    const host = await mount(html`<div><await-data></await-data></div>`);
    const inner = host.querySelector('await-data')!;
    // A component that wraps its slot in a boundary: a composed event from the slotted element
    // passes through it, and so does the search for a boundary.
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<await-data><p slot="error">card failed</p><slot></slot></await-data>';
    const card = root.querySelector('await-data')!;
    card.promise = defer('card');
    await card.updateComplete;
    inner.promise = d.promise;
    d.reject(new Error('x'));
    await oneEvent(inner, 'rejected');
    await card.updateComplete;
    expect(shown(card)).to.deep.equal(['error']);
    expect(consoleError).not.to.have.been.called;
  });

  it('reports to the console when no boundary has error content', async () => {
    const d = deferred();
    const el = await mount(html`<div><await-data .promise=${d.promise}></await-data></div>`);
    const inner = el.querySelector('await-data')!;
    const rejected = oneEvent(inner, 'rejected');
    const error = new Error('nobody catches this');
    d.reject(error);
    await rejected;
    expect(consoleError).to.have.been.calledOnceWith(error);
  });

  it('retries the descendant from the boundary’s [data-retry], then shows content again', async () => {
    const { q, fetches } = controlledQuery<{ name: string }>();
    const outer = await mount(
      html`<await-data .promise=${defer(1)}>
        <p slot="error">Failed. <button data-retry>Retry</button></p>
        <await-data fallback-delay="0" fallback-min="0" .query=${q} .args=${['1']}
          ><b data-field="name"></b
        ></await-data>
      </await-data>`,
    );
    const inner = outer.querySelector('await-data')!;
    fetches[0]!.reject(new Error('503'));
    await oneEvent(inner, 'rejected');
    await outer.updateComplete;
    expect(shown(outer)).to.deep.equal(['error']);
    outer.querySelector('button')!.click();
    expect(fetches).to.have.length(2);
    await outer.updateComplete;
    expect(shown(outer)).to.deep.equal(['content']);
    fetches[1]!.resolve({ name: 'recovered' });
    await oneEvent(inner, 'fulfilled');
    await inner.updateComplete;
    expect(shown(inner)).to.deep.equal(['content']);
    expect(inner.querySelector('b')!.textContent).to.equal('recovered');
  });

  it('stops showing the error when the descendant recovers on its own', async () => {
    const d = deferred();
    const outer = await nested(d.promise);
    const inner = outer.querySelector('await-data')!;
    d.reject(new Error('x'));
    await oneEvent(inner, 'rejected');
    await outer.updateComplete;
    expect(shown(outer)).to.deep.equal(['error']);
    inner.promise = defer('fine');
    await inner.updateComplete;
    await outer.updateComplete;
    expect(shown(outer)).to.deep.equal(['content']);
    expect(isVisible(inner.querySelector('p'))).to.be.true;
  });
});

describe('<await-data> as an error boundary, once the error is gone', () => {
  let consoleError: sinon.SinonStub;
  beforeEach(() => (consoleError = sinon.stub(console, 'error')));
  afterEach(() => sinon.restore());

  it('stops showing a descendant’s error once that descendant is removed', async () => {
    const d = deferred();
    const outer = await mount(
      html`<await-data .promise=${defer({ name: 'first' })}>
        <p slot="error">Something failed.</p>
        <h1 data-field="name"></h1>
        <await-data fallback-delay="0" fallback-min="0" .promise=${d.promise}></await-data>
      </await-data>`,
    );
    const inner = outer.querySelector('await-data')!;
    d.reject(new Error('x'));
    await oneEvent(inner, 'rejected');
    expect(shown(outer)).to.deep.equal(['error']);
    inner.remove();
    expect(shown(outer)).to.deep.equal(['content']);
    outer.promise = defer({ name: 'second' });
    await outer.updateComplete;
    expect(shown(outer)).to.deep.equal(['content']);
    expect(outer.querySelector('h1')!.textContent).to.equal('second');
  });

  it('does not catch a rejection from its own fallback slot, so its content shows once it has data', async () => {
    const data = deferred<{ name: string }>();
    const spinner = deferred();
    const outer = await mount(
      html`<await-data fallback-delay="0" fallback-min="0" .promise=${data.promise}>
        <p slot="error">Something failed.</p>
        <await-data slot="fallback" fallback-delay="0" .promise=${spinner.promise}><p>Loading…</p></await-data>
        <h1 data-field="name"></h1>
      </await-data>`,
    );
    const inFallback = outer.querySelector('await-data')!;
    const error = new Error('spinner failed');
    spinner.reject(error);
    await oneEvent(inFallback, 'rejected');
    expect(shown(outer)).to.deep.equal(['fallback']);
    data.resolve({ name: 'Ready' });
    await oneEvent(outer, 'fulfilled');
    expect(outer.status).to.equal('fulfilled');
    expect(shown(outer)).to.deep.equal(['content']);
    expect(consoleError).to.have.been.calledWith(error); // no boundary took it: reported
  });
});
