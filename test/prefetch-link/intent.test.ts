import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { PrefetchLinkElement } from '../../src/prefetch-link/index.js';
import { sendKeys } from '../helpers/input.js';
import { centre, hover, linkSuite, moveAway, route, touch } from './helpers.js';

describe('<prefetch-link> on hover', () => {
  const suite = linkSuite();

  it('preloads once, after the delay, with the route params and intent', async () => {
    const preload = route(`${suite.base}/products/:id`);
    const el = await fixture<PrefetchLinkElement>(
      html`<prefetch-link><a href="${suite.base}/products/42">Widget</a></prefetch-link>`,
    );
    await hover(el.querySelector('a')!);
    suite.clock.tick(64);
    expect(preload).not.to.have.been.called;
    suite.clock.tick(1);
    expect(preload).to.have.been.calledOnce;
    const { params, url, intent } = preload.firstCall.args[0];
    expect(params).to.deep.equal({ id: '42' });
    expect(url.pathname).to.equal(`${suite.base}/products/42`);
    expect(intent).to.equal('hover');

    // Every intent runs the preload: the query cache decides whether that fetches.
    await moveAway();
    await hover(el.querySelector('a')!);
    suite.clock.tick(1000);
    expect(preload.callCount).to.equal(2);
  });

  it('does not preload for a pointer that passes over', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(html`<prefetch-link><a href="${suite.base}/1">One</a></prefetch-link>`);
    await hover(el.querySelector('a')!);
    suite.clock.tick(30);
    await moveAway();
    suite.clock.tick(1000);
    expect(preload).not.to.have.been.called;
  });

  // Found in review: the delay's link was forgotten once it fired, so the pointer moving on over
  // the link's own children (a product card's image, then its title) preloaded again and again.
  it('preloads once for one continuous hover over a link and its children', async () => {
    const preload = route(`${suite.base}/products/:id`);
    const el = await fixture(
      html`<prefetch-link
        ><a href="${suite.base}/products/42" style="display: block; width: 200px; padding: 10px"
          ><img alt="" width="200" height="60" style="display: block" />
          <h3 style="margin: 0">Widget</h3></a
        ></prefetch-link
      >`,
    );
    const a = el.querySelector('a')!;
    const box = a.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.left + 3), Math.round(box.top + 3)] }); // its padding
    suite.clock.tick(30);
    await hover(el.querySelector('img')!); // on before the delay ended: the delay runs on
    suite.clock.tick(35);
    expect(preload).to.have.been.calledOnce;
    await hover(el.querySelector('h3')!);
    suite.clock.tick(1000);
    await hover(el.querySelector('img')!);
    suite.clock.tick(1000);
    expect(preload, 'moving over the link’s own children preloaded again').to.have.been.calledOnce;

    // Leaving the link and coming back is new intent, even straight onto a child of it.
    await moveAway();
    await hover(el.querySelector('h3')!);
    suite.clock.tick(65);
    expect(preload).to.have.been.calledTwice;
  });

  it('preloads for a second link, and for the first again after it, while the pointer stays in the element', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<prefetch-link
        ><nav style="display: flex; flex-direction: column">
          <a href="${suite.base}/a"><b>A</b></a
          ><a href="${suite.base}/b"><b>B</b></a>
        </nav></prefetch-link
      >`,
    );
    const [a, b] = el.querySelectorAll('b');
    for (const child of [a!, b!, a!]) {
      await hover(child);
      suite.clock.tick(65);
    }
    expect(preload.getCalls().map((call) => call.args[0].params.id)).to.deep.equal(['a', 'b', 'a']);
  });

  it('waits as long as the delay attribute says', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(html`<prefetch-link delay="200"><a href="${suite.base}/1">One</a></prefetch-link>`);
    await hover(el.querySelector('a')!);
    suite.clock.tick(199);
    expect(preload).not.to.have.been.called;
    suite.clock.tick(1);
    expect(preload).to.have.been.calledOnce;
  });

  it('preloads nothing when removed before the delay ends', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(html`<prefetch-link><a href="${suite.base}/1">One</a></prefetch-link>`);
    await hover(el.querySelector('a')!);
    el.remove();
    suite.clock.tick(1000);
    expect(preload).not.to.have.been.called;
  });

  it('preloads at once when the mouse presses the link before the delay ends', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<prefetch-link><a href="${suite.base}/1" @click=${(e: Event) => e.preventDefault()}>One</a></prefetch-link>`,
    );
    await hover(el.querySelector('a')!);
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'up' });
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0].intent).to.equal('hover');
    suite.clock.tick(1000);
    // The hover delay was cancelled by the press; the press also focused the link, which is
    // an intent of its own (a no-op for the cache, which has the fetch in flight already).
    expect(preload.getCalls().map((call) => call.args[0].intent)).to.deep.equal(['hover', 'focus']);
  });

  it('serves every link of a wrapped list, one added later and one re-pointed', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(html`
      <prefetch-link>
        <nav style="display: flex; flex-direction: column; gap: 8px">
          <a href="${suite.base}/a">A</a><a href="${suite.base}/b"><span>B</span></a>
        </nav>
      </prefetch-link>
    `);
    const nav = el.querySelector('nav')!;
    const [a, b] = el.querySelectorAll('a');
    const added = Object.assign(document.createElement('a'), { href: `${suite.base}/c`, textContent: 'C' });
    nav.append(added);
    b!.href = `${suite.base}/b2`;
    for (const link of [a!, b!.querySelector('span')!, added]) {
      await hover(link);
      suite.clock.tick(65);
    }
    expect(preload.getCalls().map((c) => c.args[0].params.id)).to.deep.equal(['a', 'b2', 'c']);
  });

  it('preloads its href attribute instead of the link’s', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<prefetch-link href="${suite.base}/override"><a href="${suite.base}/plain">Link</a></prefetch-link>`,
    );
    await hover(el.querySelector('a')!);
    suite.clock.tick(65);
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0].params.id).to.equal('override');
  });

  it('ignores text and elements that are not inside a link', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<prefetch-link
        ><p style="padding: 20px">Not a link</p>
        <a href="${suite.base}/1">One</a></prefetch-link
      >`,
    );
    await hover(el.querySelector('p')!);
    suite.clock.tick(1000);
    expect(preload).not.to.have.been.called;
  });

  it('finds a link inside an open shadow root', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(html`<prefetch-link><div></div></prefetch-link>`);
    const root = el.querySelector('div')!.attachShadow({ mode: 'open' });
    root.innerHTML = `<a href="${suite.base}/shadow"><b>In the shadow</b></a>`;
    await hover(root.querySelector('b')!);
    suite.clock.tick(65);
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0].params.id).to.equal('shadow');
  });

  it('hears intent on a link whose own handler stops propagation', async () => {
    const preload = route(`${suite.base}/:id`);
    const stop = (e: Event) => e.stopPropagation();
    const el = await fixture(
      html`<prefetch-link><a href="${suite.base}/1" @pointerover=${stop} @pointerdown=${stop}>One</a></prefetch-link>`,
    );
    await hover(el.querySelector('a')!);
    suite.clock.tick(65);
    expect(preload).to.have.been.calledOnce;
  });

  it('works inside a closed shadow root', async () => {
    const preload = route(`${suite.base}/:id`);
    const host = await fixture(html`<div></div>`);
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = `<prefetch-link><a href="${suite.base}/closed">Closed</a></prefetch-link>`;
    await hover(root.querySelector('a')!);
    suite.clock.tick(65);
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0].params.id).to.equal('closed');
  });

  it('lets the innermost of nested elements handle a link', async () => {
    const outer = sinon.spy();
    const inner = sinon.spy();
    const el = await fixture<PrefetchLinkElement>(html`
      <prefetch-link .preload=${outer}
        ><prefetch-link .preload=${inner}><a href="${suite.base}/1">One</a></prefetch-link></prefetch-link
      >
    `);
    touch(el.querySelector('a')!);
    expect(inner).to.have.been.calledOnce;
    expect(outer).not.to.have.been.called;
  });

  it('does nothing with trigger="none"', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(html`<prefetch-link trigger="none"><a href="${suite.base}/1">One</a></prefetch-link>`);
    const a = el.querySelector('a')!;
    await hover(a);
    a.focus();
    touch(a);
    suite.clock.tick(1000);
    expect(preload).not.to.have.been.called;
  });

  it('lets the link navigate when clicked', async () => {
    route(`${suite.base}/:id`);
    const el = await fixture(html`<prefetch-link><a href="#prefetch-link-target">Jump</a></prefetch-link>`);
    let prevented: boolean | undefined;
    document.addEventListener('click', (e) => (prevented = e.defaultPrevented), { once: true });
    await sendMouse({ type: 'click', position: centre(el.querySelector('a')!) });
    expect(prevented).to.equal(false);
    expect(location.hash).to.equal('#prefetch-link-target');
    history.replaceState(null, '', location.pathname + location.search);
  });
});

describe('<prefetch-link> on keyboard focus', () => {
  const suite = linkSuite();

  const shiftTab = async () => {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
  };

  it('preloads a link that Tab reaches, after the delay', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<div>
        <button>before</button><prefetch-link><a href="${suite.base}/7">Seven</a></prefetch-link>
      </div>`,
    );
    el.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el.querySelector('a'));
    suite.clock.tick(64);
    expect(preload).not.to.have.been.called;
    suite.clock.tick(1);
    expect(preload).to.have.been.calledOnce;
    expect(preload.firstCall.args[0]).to.include({ intent: 'focus' });
    expect(preload.firstCall.args[0].params).to.deep.equal({ id: '7' });
  });

  it('does not preload when focus moves on before the delay ends', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<div>
        <button>before</button><prefetch-link><a href="${suite.base}/7">Seven</a></prefetch-link
        ><button>after</button>
      </div>`,
    );
    el.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    suite.clock.tick(30);
    await sendKeys({ press: 'Tab' });
    suite.clock.tick(1000);
    expect(preload).not.to.have.been.called;
  });

  // Found in review, as for hover: focus moving within one link (to a focusable part of it, and
  // back) is not new intent; focus coming back to it from elsewhere is.
  it('preloads once while focus moves within one link', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<div>
        <button>before</button
        ><prefetch-link
          ><a href="${suite.base}/7">Seven <span tabindex="0">more</span></a></prefetch-link
        >
      </div>`,
    );
    const [button, a, part] = [el.querySelector('button')!, el.querySelector('a')!, el.querySelector('span')!];
    button.focus();
    await sendKeys({ press: 'Tab' });
    suite.clock.tick(65);
    expect(preload).to.have.been.calledOnce;
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(part);
    suite.clock.tick(1000);
    await shiftTab();
    expect(document.activeElement).to.equal(a);
    suite.clock.tick(1000);
    expect(preload, 'focus moving within the link preloaded again').to.have.been.calledOnce;

    await shiftTab();
    expect(document.activeElement).to.equal(button);
    await sendKeys({ press: 'Tab' });
    suite.clock.tick(65);
    expect(preload).to.have.been.calledTwice;
  });
});

describe('<prefetch-link> with pointer and keyboard at once', () => {
  const suite = linkSuite();

  const page = () =>
    fixture(
      html`<div>
        <button>before</button
        ><prefetch-link><a href="${suite.base}/a">A</a> <a href="${suite.base}/b">B</a></prefetch-link>
      </div>`,
    );
  const preloaded = (preload: ReturnType<typeof route>) =>
    preload.getCalls().map((c) => `${c.args[0].params.id} ${c.args[0].intent}`);

  // Found by the fuzz suite (fuzz.test.ts): one delay for both intents, so the pointer passing
  // over another link cancelled the focused link's, which then never preloaded.
  it('preloads the focused link and the hovered one when the pointer passes over another link', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await page();
    const [a, b] = el.querySelectorAll('a');
    el.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(a);
    await hover(b!);
    suite.clock.tick(65);
    expect(preloaded(preload)).to.have.members(['a focus', 'b hover']);
    await moveAway();
  });

  it('preloads the hovered link and the focused one when focus moves while the pointer rests', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await page();
    const [a, b] = el.querySelectorAll('a');
    await hover(a!);
    el.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(b);
    suite.clock.tick(65);
    expect(preloaded(preload)).to.have.members(['a hover', 'b focus']);
    await moveAway();
  });

  it('leaves the focused link’s delay running when another link is touched', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await page();
    const [a, b] = el.querySelectorAll('a');
    el.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    touch(b!);
    expect(preloaded(preload)).to.deep.equal(['b touch']);
    suite.clock.tick(65);
    expect(preloaded(preload)).to.deep.equal(['b touch', 'a focus']);
    expect(document.activeElement).to.equal(a);
  });
});

describe('<prefetch-link> on touch', () => {
  const suite = linkSuite();

  it('preloads at once on a touch or a pen', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(
      html`<prefetch-link><a href="${suite.base}/t">T</a><a href="${suite.base}/p">P</a></prefetch-link>`,
    );
    const [t, p] = el.querySelectorAll('a');
    touch(t!);
    touch(p!, 'pen');
    expect(preload.getCalls().map((c) => [c.args[0].params.id, c.args[0].intent])).to.deep.equal([
      ['t', 'touch'],
      ['p', 'touch'],
    ]);
  });

  it('does not preload twice for the mouse events that follow a touch', async () => {
    const preload = route(`${suite.base}/:id`);
    const el = await fixture(html`<prefetch-link><a href="${suite.base}/t">T</a></prefetch-link>`);
    const a = el.querySelector('a')!;
    a.dispatchEvent(new PointerEvent('pointerover', { pointerType: 'touch', bubbles: true, composed: true }));
    touch(a);
    for (const type of ['mouseover', 'mousemove', 'mousedown', 'mouseup'])
      a.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
    suite.clock.tick(1000);
    expect(preload).to.have.been.calledOnce;
  });
});
