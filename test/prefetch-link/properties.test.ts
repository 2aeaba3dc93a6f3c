import { expect, fixture, html } from '@open-wc/testing';
import type { PrefetchLinkElement } from '../../src/prefetch-link/index.js';
import { hover, linkSuite, route, touch } from './helpers.js';

// Frameworks (Solid, React 19, Preact) set a value on a custom element as a property when it has
// one of that name, so each attribute is also a property, as on a built-in element.
describe('<prefetch-link> trigger, delay and href properties', () => {
  const suite = linkSuite();

  const link = (path = '/1') =>
    fixture<PrefetchLinkElement>(html`<prefetch-link><a href="${suite.base}${path}">One</a></prefetch-link>`);

  it('reads the attributes, with their defaults', async () => {
    const el = await link();
    expect([el.trigger, el.delay, el.href]).to.deep.equal(['intent', 65, null]);
    el.setAttribute('trigger', 'focus viewport');
    el.setAttribute('delay', '0');
    el.setAttribute('href', '/products/1');
    expect([el.trigger, el.delay, el.href]).to.deep.equal(['focus viewport', 0, '/products/1']);
  });

  it('writes each property to its attribute, and null or undefined removes it', async () => {
    const el = await link();
    el.trigger = 'hover';
    el.delay = 120;
    el.href = '/products/2';
    expect(['trigger', 'delay', 'href'].map((name) => el.getAttribute(name))).to.deep.equal([
      'hover',
      '120',
      '/products/2',
    ]);
    el.href = null;
    el.delay = undefined as unknown as number; // what a framework sets when the prop goes away
    expect(el.hasAttribute('href')).to.equal(false);
    expect(el.hasAttribute('delay')).to.equal(false);
    expect(el.delay).to.equal(65);
  });

  it('reads an empty trigger or delay as the default, as Preact leaves them when the prop goes away', async () => {
    const el = await link();
    el.setAttribute('trigger', '');
    el.setAttribute('delay', '');
    expect([el.trigger, el.delay]).to.deep.equal(['intent', 65]);
  });

  it('waits as long as the delay property says', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await link();
    el.delay = 200;
    await hover(el.querySelector('a')!);
    suite.clock.tick(199);
    expect(preload).not.to.have.been.called;
    suite.clock.tick(1);
    expect(preload).to.have.been.calledOnce;
  });

  it('preloads only on the triggers the trigger property names', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await link();
    el.trigger = 'none';
    touch(el.querySelector('a')!);
    expect(preload).not.to.have.been.called;
    el.trigger = 'touch';
    touch(el.querySelector('a')!);
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0].intent).to.equal('touch');
  });

  it('reads a speculative trigger property on connect', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = document.createElement('prefetch-link');
    el.trigger = 'render';
    el.innerHTML = `<a href="${suite.base}/rendered">Rendered</a>`;
    document.body.append(el);
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0]).to.include({ intent: 'render' });
    el.remove();
  });

  it('preloads the href property instead of the link’s, and the link’s again once it is null', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await link('/plain');
    el.href = `${suite.base}/override`;
    touch(el.querySelector('a')!);
    expect(preload.lastCall.args[0].params.id).to.equal('override');
    el.href = null;
    touch(el.querySelector('a')!);
    expect(preload).to.have.been.calledTwice;
    expect(preload.lastCall.args[0].params.id).to.equal('plain');
  });
});
