import { expect } from '@open-wc/testing';
import { frames, nextFrames } from '../helpers/frames.js';
import { SHADOW_CSS, SHADOW_HTML, STATUS_CSS } from '../../src/await-data/shadow.js';
import { loadPage, runModule, type Page } from './helpers.js';

// A plain-HTML page with the <head> rule, whose module has not loaded yet.
const PAGE = `<link rel="stylesheet" href="/src/await-data/await-data.css">
<main>
  <await-data query="account" id="account">
    <p slot="fallback" id="fallback">Loading your account…</p>
    <p slot="error" id="error">Could not load your account.</p>
    Signed in as <b data-field="name" id="field"></b>
    <section id="content"><h1>Your orders</h1></section>
  </await-data>
  <p id="after">After the element</p>
</main>`;

describe('<await-data> before its module has loaded', () => {
  let page: Page | undefined;
  afterEach(() => page?.frame.remove());

  const visible = (id: string) => page!.document.getElementById(id)!.checkVisibility({ visibilityProperty: true });
  /** The element's text as rendered: each text node that has a box and is not invisible. */
  const renderedText = () => {
    const doc = page!.document;
    const walker = doc.createTreeWalker(doc.getElementById('account')!, NodeFilter.SHOW_TEXT);
    const range = doc.createRange();
    const parts: string[] = [];
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      range.selectNodeContents(text);
      const isRendered = range.getClientRects().length > 0;
      if (isRendered && text.parentElement!.checkVisibility({ visibilityProperty: true }))
        parts.push(text.textContent!);
    }
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  };

  it('shows only the fallback, then keeps it on screen through the upgrade until the data arrives', async () => {
    page = await loadPage(PAGE);
    await nextFrames(2);
    expect(page.document.querySelector('await-data:not(:defined)')).to.exist;
    expect(visible('fallback')).to.be.true;
    expect(visible('error')).to.be.false;
    expect(visible('field')).to.be.false;
    expect(visible('content')).to.be.false;
    expect(renderedText()).to.equal('Loading your account…'); // no stray text either
    expect(visible('after')).to.be.true;

    // The module arrives; the query is not registered yet, so the element waits for it.
    await runModule(page, `import '/src/await-data/index.ts';`);
    const el = page.document.querySelector('await-data')!;
    expect(el.matches(':defined')).to.be.true;
    expect(el.status).to.equal('pending');
    // No frame without the fallback: it was on screen before the upgrade, and it stays.
    for (let i = 0; i < 3; i++) {
      expect(visible('fallback')).to.be.true;
      expect(visible('content')).to.be.false;
      await nextFrames(1);
    }

    await runModule(
      page,
      `import { query } from '/src/cache/index.ts'; query(async () => ({ name: 'Ada' }), 'account');`,
    );
    await frames(() => el.status === 'fulfilled' && visible('content'));
    expect(visible('fallback')).to.be.false;
    expect(visible('error')).to.be.false;
    expect(visible('field')).to.be.true;
    expect(renderedText()).to.equal('Signed in as Ada Your orders');
  });
});

describe('<await-data> sent by a server as Declarative Shadow DOM', () => {
  let page: Page | undefined;
  afterEach(() => page?.frame.remove());

  const element = (status: string) => `<await-data status="${status}" id="${status}">
    <template shadowrootmode="open"><style>${SHADOW_CSS}${STATUS_CSS}</style>${SHADOW_HTML}</template>
    <p slot="fallback">Loading…</p><p slot="error">Failed</p><p>Content</p>
  </await-data>`;

  it('shows only the region its status attribute names, before any script has run', async () => {
    page = await loadPage(['pending', 'fulfilled', 'rejected'].map(element).join(''));
    const shownText = (status: string) =>
      [...page!.document.getElementById(status)!.querySelectorAll('p')]
        .filter((p) => p.checkVisibility())
        .map((p) => p.textContent);
    expect(page.document.getElementById('pending')!.shadowRoot, 'the shadow root is declared').to.exist;
    expect(shownText('pending')).to.deep.equal(['Loading…']);
    expect(shownText('fulfilled')).to.deep.equal(['Content']);
    expect(shownText('rejected')).to.deep.equal(['Failed']);
  });
});
