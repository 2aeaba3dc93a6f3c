// prefetch-elements/server in Node: what renderToStream writes, and when. The browser side of
// the same (what a user sees, with real pages and a real server) is test/ssr/streaming.test.mjs.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { request as httpRequest, createServer } from 'node:http';
import { build } from 'esbuild';
import fc from 'fast-check';
import { parse, parseFragment, serialize } from 'parse5';

const perFile = process.env.PE_PER_FILE;
const load = (path) => import(pathToFileURL(join(perFile, path)).href);
const { query, QueryCache, defaultCache } = await load('cache/index.js');
const { renderToStream, escapeHtml, pipeToNodeResponse } = await load('server/index.js');

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
after(() => assert.deepEqual(unhandled, [], 'no unhandled rejection in any test'));

/** Reads a body to its end: its chunks as text, and all of it. */
async function readAll(stream) {
  const decoder = new TextDecoder();
  const chunks = [];
  for await (const chunk of stream) chunks.push(decoder.decode(chunk));
  return { chunks, text: chunks.join('') };
}

/** A promise the test settles. */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A cache with `product` (settles at once) and `reviews` (settles when the test says), and the abort signals each fetch got. */
function setUp() {
  const cache = new QueryCache();
  const signals = [];
  const reviewsAnswer = deferred();
  const product = query(async (id) => ({ id, name: `Lamp ${id}`, price: { amount: 5 } }), 'product', { cache });
  const reviews = query(
    function (id) {
      signals.push(this.signal);
      return reviewsAnswer.promise.then((texts) => texts.map((text) => ({ id, text })));
    },
    'reviews',
    { cache },
  );
  return { cache, product, reviews, reviewsAnswer, signals };
}

const PAGE = `<!doctype html><html><head><title>t</title></head><body>
<await-data query="product" args='["1"]'><p slot="fallback">Loading</p><h1 data-field="name">old text</h1><span data-field="price.amount"></span><img data-field="name"></await-data>
<await-data query="reviews" args='["1"]'><p slot="fallback">Loading reviews</p><p data-field="0.text"></p></await-data>
</body></html>`;

describe('renderToStream', () => {
  it('sends an entry the cache has filled in the shell, and one it has not as its fallback, its value before </body>', async () => {
    const { cache, product, reviewsAnswer } = setUp();
    await product('1');
    const body = renderToStream(PAGE, cache);
    const reading = readAll(body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    reviewsAnswer.resolve(['Bright']);
    const { chunks, text } = await reading;
    const [shell] = chunks;
    assert.match(shell, /<await-data status="fulfilled" query="product"/);
    assert.match(
      shell,
      /<h1 data-field="name">Lamp 1<\/h1><span data-field="price.amount">5<\/span><img data-field="name">/,
    );
    assert.match(shell, /<await-data status="pending" aria-busy="true" query="reviews"/);
    assert.match(shell, /<p data-field="0.text"><\/p>/, 'a pending entry keeps its fields as written');
    assert.equal((shell.match(/<template shadowrootmode="open">/g) ?? []).length, 2);
    assert.doesNotMatch(shell, /<\/body>/, 'the tail waits for the late parts');
    // Before each element, what the page needs to take it over: the value, or the news that it is coming.
    assert.match(shell, /<streamed-data query="product" args="\[&quot;1&quot;\]" status="fulfilled" value="\{/);
    assert.match(
      shell,
      /<streamed-data query="reviews" args="\[&quot;1&quot;\]" status="pending" timeout="5000" hidden><\/streamed-data><await-data/,
    );
    const late = text.slice(shell.length);
    assert.match(
      late,
      /^<streamed-data query="reviews" args="\[&quot;1&quot;\]" status="fulfilled" value="\[\{&quot;id&quot;:&quot;1&quot;,&quot;text&quot;:&quot;Bright&quot;\}\]" age="\d+" hidden><\/streamed-data>\n?<\/body><\/html>$/,
    );
  });

  it('fills only the fields an element owns: a nested <await-data> fills its own', async () => {
    const cache = new QueryCache();
    query(async () => ({ name: 'outer' }), 'outer', { cache });
    query(async () => ({ name: 'inner' }), 'inner', { cache });
    await Promise.all([cache.get('outer')(), cache.get('inner')()]);
    const html =
      '<await-data query="outer"><b data-field="name"></b><await-data query="inner"><i data-field="name">x</i></await-data><u data-field="name"></u></await-data>';
    const { text } = await readAll(renderToStream(html, cache));
    const fields = [...text.matchAll(/<(b|i|u) data-field="name">([^<]*)<\/\1>/g)].map((match) =>
      match.slice(1).join(''),
    );
    assert.deepEqual(fields, ['bouter', 'iinner', 'uouter']);
    assert.doesNotMatch(text, />x</, "a field's old content is replaced");
  });

  it('announces and sends an entry once, however many elements show it', async () => {
    const { cache, reviewsAnswer } = setUp();
    reviewsAnswer.resolve(['Fine']);
    const twice = `<body>${PAGE.match(/<await-data query="reviews"[^]*?<\/await-data>/)[0].repeat(2)}</body>`;
    const { text } = await readAll(renderToStream(twice, cache));
    assert.equal((text.match(/<streamed-data /g) ?? []).length, 2, 'one announcement, one value');
    assert.equal((text.match(/<await-data status="pending"/g) ?? []).length, 2);
  });

  it('puts a value before an element met after it settled, while the HTML is still coming, and sends it once', async () => {
    const { cache, reviewsAnswer } = setUp();
    const element = '<await-data query="reviews" args=\'["1"]\'><p data-field="0.text"></p></await-data>';
    const secondChunk = deferred();
    const source = new ReadableStream({
      async start(controller) {
        controller.enqueue(`<body>${element}`);
        await secondChunk.promise;
        controller.enqueue(`${element}</body>`);
        controller.close();
      },
    });
    const reading = readAll(renderToStream(source, cache));
    reviewsAnswer.resolve(['Late']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    secondChunk.resolve();
    const { text } = await reading;
    assert.equal((text.match(/status="fulfilled" value=/g) ?? []).length, 1, 'the value is sent once');
    assert.match(
      text,
      /status="fulfilled" value="[^"]*" age="\d+" hidden><\/streamed-data><await-data status="fulfilled"/,
    );
    assert.match(text, /<p data-field="0.text">Late<\/p><\/await-data><\/body>$/);
  });

  it('leaves to the page an element whose query the server does not know, or whose args are not JSON', async () => {
    const cache = new QueryCache();
    const html = '<await-data query="unknown"><p>a</p></await-data><await-data query="echo" args="[oops"></await-data>';
    query(async () => 'echo', 'echo', { cache });
    const { text } = await readAll(renderToStream(html, cache));
    assert.doesNotMatch(text, /streamed-data/);
    assert.match(text, /^<await-data status="pending" aria-busy="true" query="unknown"><template/);
    assert.match(text, /<await-data status="pending" aria-busy="true" query="echo" args="\[oops">/);
  });

  it('uses the module-level query of a name in the request cache, so two requests never share an entry', async () => {
    let fetches = 0;
    query(async (user) => ({ secret: `secret of ${user}`, fetch: ++fetches }), 'account');
    const html = (user) =>
      `<body><await-data query="account" args='["${user}"]'><p data-field="secret"></p></await-data></body>`;
    const render = async (user) => {
      const cache = new QueryCache();
      await defaultCache.get('account').in(cache)(user);
      return (await readAll(renderToStream(html(user), cache))).text;
    };
    const [ada, bob] = await Promise.all([render('ada'), render('bob')]);
    assert.match(ada, /secret of ada/);
    assert.doesNotMatch(ada, /bob/);
    assert.match(bob, /secret of bob/);
    assert.doesNotMatch(bob, /ada/);
    assert.equal(defaultCache.get('account').peek('ada'), undefined, 'the shared cache holds no request data');
  });

  it('reads a stream of HTML cut anywhere (mid-tag, mid-character) as it reads the whole string', async () => {
    const html = PAGE.replace('Loading reviews', 'Chargement… ☕ des avis');
    const expected = await (async () => {
      const { cache, reviewsAnswer } = setUp();
      reviewsAnswer.resolve(['ok']);
      return (await readAll(renderToStream(html, cache))).text.replace(/age="\d+"/g, '');
    })();
    const bytes = new TextEncoder().encode(html);
    for (const size of [1, 7, 64]) {
      const { cache, reviewsAnswer } = setUp();
      reviewsAnswer.resolve(['ok']);
      const source = new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
          controller.close();
        },
      });
      const { text } = await readAll(renderToStream(source, cache));
      assert.equal(text.replace(/age="\d+"/g, ''), expected, `cut every ${size} bytes`);
    }
  });

  it('puts the late parts at the end when the HTML has no </body>', async () => {
    const { cache, reviewsAnswer } = setUp();
    reviewsAnswer.resolve(['late']);
    const { text } = await readAll(renderToStream('<await-data query="reviews" args=\'["1"]\'></await-data>', cache));
    assert.match(
      text,
      /<\/await-data><streamed-data query="reviews" [^>]* status="fulfilled" [^>]*><\/streamed-data>$/,
    );
  });

  it("clears the request's cache once the body has ended, so nothing of the request outlives it; keepCache keeps it", async () => {
    for (const keepCache of [false, true]) {
      const { cache, product, reviews, reviewsAnswer } = setUp();
      await product('1');
      reviewsAnswer.resolve(['kept?']);
      await readAll(renderToStream(PAGE, cache, { keepCache }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const statuses = [product.peek('1')?.status, reviews.peek('1')?.status];
      assert.deepEqual(statuses, keepCache ? ['fulfilled', 'fulfilled'] : [undefined, undefined]);
    }
  });

  it('says what is wrong with its arguments', () => {
    const cache = new QueryCache();
    const wrong = [
      [[42, cache], 'html must be a string, a ReadableStream or an async iterable, got number'],
      [['<p>', {}], 'cache must be a QueryCache (one per request)'],
      [['<p>', cache, { timeout: -1 }], 'timeout must be a number of ms, 0 or more, got -1'],
      [['<p>', cache, { timeout: '5s' }], 'timeout must be a number of ms, 0 or more, got 5s'],
    ];
    for (const [args, message] of wrong) {
      assert.throws(() => renderToStream(...args), {
        name: 'TypeError',
        message: `prefetch-elements/server: renderToStream(): ${message}`,
      });
    }
  });

  it('puts the nonce on the style of each Declarative Shadow DOM', async () => {
    const { text } = await readAll(renderToStream('<await-data></await-data>', new QueryCache(), { nonce: 'a"b' }));
    assert.match(text, /<template shadowrootmode="open"><style nonce="a&quot;b">/);
  });
});

/** Renders `body` inside a fulfilled `<await-data query="product">` whose value is `PRODUCT`; resolves with the whole page. */
const PRODUCT = { name: 'Widget', price: '9', note: 'a < b' };
async function renderProductPage(body, { doctype = '<!doctype html>' } = {}) {
  const cache = new QueryCache();
  await query(async () => PRODUCT, 'product', { cache })('1');
  const html = `${doctype}<html><body><await-data query="product" args='["1"]'>${body}</await-data><p id="after">after</p></body></html>`;
  return { html, out: (await readAll(renderToStream(html, cache))).text };
}

/** The page as the browser's parser builds it, without what the server adds (shadow roots, <streamed-data>, status). */
function parsedPage(html) {
  const document = parse(html);
  const strip = (node) => {
    node.childNodes = node.childNodes?.filter(
      (child) =>
        child.nodeName !== 'streamed-data' &&
        !(child.nodeName === 'template' && child.attrs.some((attr) => attr.name === 'shadowrootmode')),
    );
    // Text the parser split around a stripped element (a <template> in a <select>) is one text again.
    node.childNodes = node.childNodes?.reduce((merged, child) => {
      const previous = merged.at(-1);
      if (child.nodeName === '#text' && previous?.nodeName === '#text') previous.value += child.value;
      else merged.push(child);
      return merged;
    }, []);
    if (node.nodeName === 'await-data')
      node.attrs = node.attrs.filter((attr) => !['status', 'aria-busy'].includes(attr.name));
    for (const child of node.childNodes ?? []) strip(child);
    if (node.content) strip(node.content);
  };
  strip(document);
  return document;
}

/**
 * Compares the page the server sent with the page it was given, as parsed: the same elements
 * with the same attributes and text, except that a `data-field` of the fulfilled element may
 * hold exactly its value's text instead of what it held. Returns how many fields were filled
 * and how many left as written; throws at the first difference.
 */
function compareFilled(given, sent, at = 'document') {
  const counts = { filled: 0, left: 0 };
  const field = given.attrs?.find((attr) => attr.name === 'data-field');
  if (field && given.insideProduct) {
    const text = String(PRODUCT[field.value] ?? '');
    // The value's text, in the formatting elements the parser reopens around any text there (`<p><i><p>x`).
    const reopened = (node) =>
      node.nodeName === '#text' || (FORMATTING.has(node.nodeName) && node.childNodes.every(reopened));
    const holdsValue = textOf(sent) === text && sent.childNodes.every(reopened);
    if (holdsValue && serialize(given) !== serialize(sent)) return { filled: 1, left: 0 };
    counts.left++;
  }
  assert.equal(sent.nodeName, given.nodeName, `at ${at}`);
  assert.equal(sent.value, given.value, `the text at ${at}`);
  assert.deepEqual(sent.attrs, given.attrs, `the attributes at ${at}`);
  const givenChildren = given.content?.childNodes ?? given.childNodes ?? [];
  const sentChildren = sent.content?.childNodes ?? sent.childNodes ?? [];
  assert.deepEqual(
    sentChildren.map((node) => node.nodeName),
    givenChildren.map((node) => node.nodeName),
    `the children of ${at}`,
  );
  givenChildren.forEach((child, index) => {
    const query = given.attrs?.find((attr) => attr.name === 'query')?.value;
    child.insideProduct = given.nodeName === 'await-data' ? query === 'product' : given.insideProduct;
    const inner = compareFilled(child, sentChildren[index], `${at} > ${child.nodeName}[${index}]`);
    counts.filled += inner.filled;
    counts.left += inner.left;
  });
  return counts;
}

const FORMATTING = new Set([
  'a',
  'b',
  'big',
  'code',
  'em',
  'font',
  'i',
  'nobr',
  's',
  'small',
  'strike',
  'strong',
  'tt',
  'u',
]);
const textOf = (node) => (node.nodeName === '#text' ? node.value : (node.childNodes ?? []).map(textOf).join(''));

/** The text of each element with this `data-field`, as parsed. */
function fieldText(document, path) {
  const found = [];
  const walk = (node) => {
    if (node.attrs?.some((attr) => attr.name === 'data-field' && attr.value === path)) found.push(node);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(document);
  return found.map(textOf);
}

describe('renderToStream: where a data-field element ends, as the HTML parser sees it', () => {
  it('fills fields whose end tag is implied (<dd>, <li>, <p>, <td>) and keeps everything after them', async () => {
    const bodies = [
      '<dl><dt>Name<dd data-field="name">?<dt>Price<dd data-field="price">?</dl><p id="list-after">after the list</p>',
      '<ul><li data-field="name">?<li data-field="price">?</ul><p id="list-after">after the list</p>',
      '<p data-field="name">?<div id="list-after">a block ends the paragraph</div><p data-field="price">?<ul><li>a list too</ul>',
      '<table><tr><td data-field="name">?<td data-field="price">?</table><p id="list-after">after the table</p>',
    ];
    for (const body of bodies) {
      const { html, out } = await renderProductPage(body);
      const sent = parsedPage(out);
      assert.deepEqual(compareFilled(parsedPage(html), sent), { filled: 2, left: 0 }, body);
      assert.deepEqual([fieldText(sent, 'name'), fieldText(sent, 'price')], [['Widget'], ['9']], body);
      assert.match(out, /id="list-after"/, body);
      assert.match(out, /<p id="after">after<\/p><\/body>/, body);
    }
  });

  it('leaves a field holding an element (<i/> is an open <i> in HTML) as written, for the page to fill; keeps what follows', async () => {
    const field = '<h1 data-field="name"><i/>old</i> text</h1>';
    const { html, out } = await renderProductPage(`${field}<p>kept</p><span data-field="price">?</span>`);
    assert.ok(out.includes(`${field}<p>kept</p><span data-field="price">9</span>`), out);
    assert.deepEqual(compareFilled(parsedPage(html), parsedPage(out)), { filled: 1, left: 1 });
  });

  it('follows the parser where an end tag does not end the field: </await-data> after an open <p> is ignored', async () => {
    // The parser ignores </await-data> at an open <p> (a "special" element): the <span> is the element's too.
    const { html, out } = await renderProductPage(
      '<p data-field="name">?</await-data><span data-field="price">?</span>',
    );
    assert.match(out, /<p data-field="name">\?<\/await-data><span data-field="price">9<\/span>/);
    assert.deepEqual(compareFilled(parsedPage(html), parsedPage(out)), { filled: 1, left: 1 });
  });

  it('drops no element and leaves no old content beside a value, for any markup (fast-check, against parse5)', async () => {
    const tags = [
      'p',
      'li',
      'dd',
      'dt',
      'div',
      'span',
      'ul',
      'dl',
      'h1',
      'h2',
      'b',
      'i',
      'a',
      'td',
      'tr',
      'table',
      'option',
      'select',
      'svg',
      'circle',
      'textarea',
      'br',
      'img',
      'await-data',
    ];
    const { markup } = fc.letrec((tie) => ({
      markup: fc.array(tie('node'), { maxLength: 4 }).map((nodes) => nodes.join('')),
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('old', ' ', 'a&amp;b', '<!-- c -->'),
        fc.constantFrom('</p>', '</li>', '</await-data>', '</b>', '</div>', '</table>'),
        tie('element'),
      ),
      element: fc
        .record({
          tag: fc.constantFrom(...tags),
          field: fc.option(fc.constantFrom('name', 'price', 'note', 'missing'), { nil: undefined }),
          selfClosing: fc.boolean(),
          content: tie('markup'),
          endTag: fc.boolean(),
        })
        .map(({ tag, field, selfClosing, content, endTag }) => {
          const attribute = field === undefined ? '' : ` data-field="${field}"`;
          return `<${tag}${attribute}${selfClosing ? '/' : ''}>${content}${endTag ? `</${tag}>` : ''}`;
        }),
    }));
    const totals = { filled: 0, left: 0 };
    await fc.assert(
      fc.asyncProperty(markup, fc.boolean(), async (body, standards) => {
        const { html, out } = await renderProductPage(body, { doctype: standards ? '<!doctype html>' : '' });
        const counts = compareFilled(parsedPage(html), parsedPage(out));
        totals.filled += counts.filled;
        totals.left += counts.left;
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1_000) },
    );
    assert.ok(totals.filled > 100 && totals.left > 100, `filled ${totals.filled}, left ${totals.left}: both cases ran`);
  });
});

describe('renderToStream: failures, timeouts and aborts', () => {
  it('sends a part that does not settle in time as a TimeoutError, aborts its fetch, and ends the stream', async () => {
    const { cache, signals } = setUp(); // the reviews never settle
    const logged = [];
    const started = Date.now();
    const { text } = await readAll(
      renderToStream(PAGE, cache, { timeout: 50, onError: (error, info) => logged.push({ error, ...info }) }),
    );
    assert.ok(Date.now() - started < 1_000);
    const error = JSON.parse(decode(text.match(/status="rejected" error="([^"]*)"/)[1]));
    assert.deepEqual(error, {
      message: 'reviews["1"] did not settle within 50 ms on the server',
      digest: logged[0].digest,
      name: 'TimeoutError',
    });
    assert.equal(signals[0].aborted, true, "the fetch's signal aborted");
    assert.match(text, /<\/body><\/html>$/);
  });

  it('redacts a failure by default, with the digest the server logged; sends its message when asked', async () => {
    for (const exposeErrors of [false, true]) {
      const { cache, reviewsAnswer } = setUp();
      const logged = [];
      reviewsAnswer.reject(new Error('SELECT * FROM users: password hunter2'));
      const options = { exposeErrors, onError: (error, info) => logged.push({ error, ...info }) };
      const { text } = await readAll(renderToStream(PAGE, cache, options));
      const sent = JSON.parse(decode(text.match(/status="rejected" error="([^"]*)"/)[1]));
      assert.equal(logged.length, 1);
      assert.equal(logged[0].key, 'reviews["1"]');
      assert.match(logged[0].error.message, /hunter2/);
      assert.equal(sent.digest, logged[0].digest);
      assert.match(sent.digest, /^[0-9a-f]{10}$/);
      if (exposeErrors)
        assert.deepEqual(sent, {
          message: 'SELECT * FROM users: password hunter2',
          name: 'Error',
          digest: sent.digest,
        });
      else assert.deepEqual(sent, { message: 'The server could not load this part.', digest: sent.digest });
      assert.doesNotMatch(exposeErrors ? '' : text, /hunter2/);
    }
  });

  it('sends an entry that failed before the shell as rejected in the shell (no unhandled rejection)', async () => {
    const cache = new QueryCache();
    const broken = query(async () => Promise.reject(new Error('down')), 'broken', { cache });
    broken.prefetch([]); // a handler started it and never awaited it
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { text } = await readAll(renderToStream('<await-data query="broken"></await-data>', cache, { onError() {} }));
    assert.match(
      text,
      /^<streamed-data query="broken" args="\[\]" status="rejected" error="[^"]+" hidden><\/streamed-data><await-data status="rejected"/,
    );
  });

  it('sends a value that is not JSON-like as a failure naming the query', async () => {
    const cache = new QueryCache();
    await query(async () => ({ when: new Date(0) }), 'dated', { cache })();
    const logged = [];
    const { text } = await readAll(
      renderToStream('<await-data query="dated"></await-data>', cache, { onError: (error) => logged.push(error) }),
    );
    assert.match(text, /<await-data status="rejected"/);
    assert.match(logged[0].message, /query "dated": value.when is a Date/);
  });

  it('aborts the remaining fetches and ends the stream when the reader cancels it', async () => {
    const { cache, signals } = setUp();
    const reader = renderToStream(PAGE, cache, { onError: assert.fail }).getReader();
    const { value } = await reader.read();
    assert.match(new TextDecoder().decode(value), /status="pending"/);
    await reader.cancel(new Error('the client went away'));
    assert.equal(signals[0].aborted, true);
    assert.deepEqual(await reader.closed, undefined);
  });

  it("aborts the remaining fetches and ends the stream when the request's signal aborts", async () => {
    const { cache, signals } = setUp();
    const request = new AbortController();
    const body = renderToStream(PAGE, cache, { signal: request.signal, onError: assert.fail });
    const reading = readAll(body);
    await new Promise((resolve) => setTimeout(resolve, 10));
    request.abort();
    const { text } = await reading;
    assert.equal(signals[0].aborted, true);
    assert.doesNotMatch(text, /<\/body>/, 'nothing more is sent');
  });

  it('errors the stream when the HTML source fails, with no unhandled rejection', async () => {
    const { cache, signals } = setUp();
    const source = new ReadableStream({
      start(controller) {
        controller.enqueue('<body><await-data query="reviews" args=\'["1"]\'></await-data>');
      },
      pull(controller) {
        controller.error(new Error('the template store is down'));
      },
    });
    await assert.rejects(readAll(renderToStream(source, cache)), /the template store is down/);
    assert.equal(signals[0].aborted, true);
  });

  it('reads the HTML no faster than the body is read', async () => {
    const { cache } = setUp();
    let pulls = 0;
    const source = new ReadableStream(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(`<p>${pulls}</p>`);
          if (pulls === 100) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const reader = renderToStream(source, cache).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(pulls <= 3, `read ${pulls} chunks of HTML for one chunk of body`);
    await reader.cancel();
  });
});

describe('escapeHtml', () => {
  it('reads back exactly, as text and as an attribute, whatever the string', () => {
    // NUL is the one character HTML cannot carry (the parser drops or replaces it).
    const text = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(text, (value) => {
        const [p] = parseFragment(`<p title="${escapeHtml(value)}">${escapeHtml(value)}</p>`).childNodes;
        assert.equal(p.attrs[0].value, value);
        assert.equal(p.childNodes[0]?.value ?? '', value);
      }),
      { numRuns: 2_000 },
    );
  });
});

/** Decodes the attribute escapes `escapeHtml` writes. */
function decode(attribute) {
  return parseFragment(`<p title="${attribute}">`).childNodes[0].attrs[0].value;
}

describe('pipeToNodeResponse, with a real server on 127.0.0.1', () => {
  /** Serves one response made by `handle`, and GETs it; resolves with the server's response object and the client's. */
  async function serve(handle) {
    const server = createServer(handle);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await new Promise((resolve, reject) =>
      httpRequest({ host: '127.0.0.1', port: server.address().port, path: '/' }, resolve).on('error', reject).end(),
    );
    return { server, response };
  }

  it('streams the body as it comes, and aborts the remaining fetches when the client disconnects', async () => {
    const { cache, signals } = setUp(); // the reviews never settle
    const piped = deferred();
    const { server, response } = await serve((request, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      pipeToNodeResponse(renderToStream(PAGE, cache, { onError: assert.fail }), res).then(piped.resolve);
    });
    const [first] = await new Promise((resolve) => response.once('data', (chunk) => resolve([String(chunk)])));
    assert.match(first, /status="pending"/, 'the shell came before the reviews');
    response.destroy(); // the client goes away
    await piped.promise;
    assert.equal(signals[0].aborted, true);
    server.close();
  });

  it('answers 500 when the body fails before anything was sent', async () => {
    const failing = new ReadableStream({
      pull(controller) {
        controller.error(new Error('no template'));
      },
    });
    const logged = [];
    const error = console.error;
    console.error = (...args) => logged.push(args.join(' '));
    try {
      const { server, response } = await serve((request, res) => void pipeToNodeResponse(failing, res));
      assert.equal(response.statusCode, 500);
      response.resume();
      server.close();
    } finally {
      console.error = error;
    }
    assert.match(logged[0], /no template/);
  });
});

describe('the server entry', () => {
  it('imports no lit and no DOM code: its modules are the cache, the server and the static shadow markup', async () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const { metafile } = await build({
      entryPoints: [join(src, 'server', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      packages: 'external',
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    const outside = inputs.filter((input) => !/^src\/(server|cache)\//.test(input));
    assert.deepEqual(outside.sort(), [
      'src/await-data/fields.ts',
      'src/await-data/shadow.ts',
      'src/streamed-data/wire.ts',
    ]);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    assert.deepEqual(
      [...new Set(imports.filter((path) => !path.startsWith('src/')))],
      ['parse5-html-rewriting-stream'],
    );
  });
});
