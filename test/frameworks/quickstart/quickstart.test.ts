// The README's quick start, as a user copies it: its page and its app.js are read from the README
// by the framework test plugin (the CDN's files are served from the sources), and loaded in a frame.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';

describe('the README quick start', () => {
  let frame: HTMLIFrameElement;

  afterEach(async () => {
    frame.remove();
    await sendMouse({ type: 'move', position: [window.innerWidth - 1, window.innerHeight - 1] });
  });

  it('shows the product, and preloads the linked one when the pointer rests on its link', async () => {
    frame = Object.assign(document.createElement('iframe'), { src: '/quickstart/index.html' });
    frame.style.cssText = 'width: 600px; height: 300px; border: 0';
    const loaded = oneEvent(frame, 'load');
    document.body.append(frame);
    await loaded;
    const page = frame.contentDocument!;
    const shown = (selector: string) => page.querySelector(selector)!.checkVisibility({ visibilityProperty: true });

    await waitUntil(
      () => page.querySelector('await-data')!.getAttribute('status') === 'fulfilled',
      'the product shows',
      {
        timeout: 5000,
      },
    );
    expect(page.querySelector('h1')!.textContent).to.equal('Product 42');
    expect(page.querySelector('[data-field="price.amount"]')!.textContent).to.equal('9.99');
    expect(shown('h1')).to.be.true;
    await waitUntil(() => !shown('[slot=fallback]'), 'the fallback goes');
    expect(shown('[slot=error]')).to.be.false;

    const preloaded = () =>
      frame.contentWindow!.performance.getEntriesByType('resource').some((e) => e.name.endsWith('/api/products/43'));
    expect(preloaded(), 'nothing preloaded yet').to.be.false;
    const link = page.querySelector('prefetch-link a')!.getBoundingClientRect();
    const box = frame.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.left + link.left + link.width / 2), Math.round(box.top + link.top + link.height / 2)],
    });
    await waitUntil(preloaded, 'resting on the link fetches the linked product');
  });
});
