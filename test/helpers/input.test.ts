import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from './input.js';

describe('test input commands (every engine)', () => {
  it('holds a key down until it is let up: Shift+Tab moves focus back', async () => {
    const el = await fixture<HTMLElement>(html`<div><button>One</button><button>Two</button></div>`);
    const [one, two] = el.querySelectorAll('button');
    two!.focus();
    const keydown = oneEvent(two!, 'keydown') as unknown as Promise<KeyboardEvent>;
    await sendKeys({ down: 'Shift' });
    expect((await keydown).key).to.equal('Shift');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(document.activeElement).to.equal(one);
    const tab = oneEvent(one!, 'keydown') as unknown as Promise<KeyboardEvent>;
    await sendKeys({ press: 'Tab' }); // Shift is up again: forward
    expect((await tab).shiftKey).to.equal(false);
    expect(document.activeElement).to.equal(two);
  });

  it('types text into the focused field', async () => {
    const input = await fixture<HTMLInputElement>(html`<input />`);
    input.focus();
    await sendKeys({ type: 'a b' });
    expect(input.value).to.equal('a b');
  });

  it('sizes the viewport', async () => {
    const before = { width: innerWidth, height: innerHeight };
    try {
      await setViewport({ width: 480, height: 360 });
      expect([innerWidth, innerHeight]).to.deep.equal([480, 360]);
    } finally {
      await setViewport(before);
    }
    expect([innerWidth, innerHeight]).to.deep.equal([before.width, before.height]);
  });
});
