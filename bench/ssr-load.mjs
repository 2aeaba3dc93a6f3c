/**
 * Server rendering under load, on loopback: 1 000 concurrent streamed responses from one Node
 * process. Does every request get its own data and only its own, does every stream end, and does
 * the server's memory go back to where it was once they are done?
 *
 *   npm run bench:ssr:load     (REQUESTS=1000, DEADLINE_MS=60000)
 *
 * The server (this file, run as a child process with --expose-gc) renders one page per request
 * with `renderToStream`: a per-user account entry awaited (in the first bytes) and the user's
 * orders streamed 50 to 250 ms later, both module-level queries used with one `QueryCache` per
 * request (`query.in(cache)`). Each value carries the user's id and a random token that only
 * the server and that response know. The client fires every request at once (no pooling), and
 * checks that each body holds its own user's account and orders, no other user's, and ends with
 * `</html>`. Memory: the server's heap after a warm-up round of the same size and a full
 * collection (baseline), its peak while the requests run, and after they are done and collected.
 * Bounded: every round must end within DEADLINE_MS, or the script says so and exits 1.
 */
import { fork } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';

const REQUESTS = Number(process.env.REQUESTS || 1000);
const DEADLINE_MS = Number(process.env.DEADLINE_MS || 60_000);
const isServer = process.env.SSR_LOAD_ROLE === 'server';

// --- The server (child process) ---

async function serve() {
  const { loadServerModules } = await import('../demo/ssr/build.mjs');
  const { createServer } = await import('node:http');
  const { randomUUID } = await import('node:crypto');
  const { server: ssr, cache: caching } = await loadServerModules();
  const { query, QueryCache } = caching;
  /** The token each user's data carries in this run, to check a body against. */
  const tokens = new Map();
  const tokenOf = (user) => {
    if (!tokens.has(user)) tokens.set(user, randomUUID());
    return tokens.get(user);
  };
  const account = query(async (user) => ({ user, token: tokenOf(user), name: `Account of ${user}` }), 'account');
  // Found by the render from its name in the page, and used with the request's cache.
  query(async function (user) {
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    return [{ user, token: tokenOf(user), item: `order of ${user}` }];
  }, 'orders');
  const page = (user) => {
    const args = ssr.escapeHtml(JSON.stringify([user]));
    return `<!doctype html><html><head><title>${user}</title></head><body>
<await-data query="account" args="${args}"><p slot="fallback">…</p><h1 data-field="name"></h1><p data-field="token"></p></await-data>
<await-data query="orders" args="${args}"><p slot="fallback">Loading orders…</p><p data-field="0.item"></p></await-data>
</body></html>`;
  };
  const memory = () => {
    global.gc();
    return process.memoryUsage();
  };
  let peak = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/tokens') {
      // Handed to the client once, then forgotten, so the memory measured after is the requests' alone.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([...tokens]));
      tokens.clear();
      return;
    }
    if (url.pathname === '/memory') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...memory(), peak }));
      if (url.searchParams.has('baseline')) peak = 0; // the peak of what follows
      return;
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    const user = url.pathname.slice(1);
    const cache = new QueryCache(); // this request's, and no other's
    await account.in(cache)(user);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    await ssr.pipeToNodeResponse(ssr.renderToStream(page(user), cache, { signal: undefined }), res);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => process.send({ port: server.address().port }));
}

// --- The client (this process) ---

function get(port, path, agent) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      const firstByte = performance.now() - started;
      const chunks = [];
      res.setEncoding('utf8');
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ body: chunks.join(''), chunks: chunks.length, firstByte, total: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
};
/** `work`, or a rejection once DEADLINE_MS have passed: the script never waits for ever. */
function withinDeadline(work) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`not all ${REQUESTS} streams ended within ${DEADLINE_MS} ms`)),
      DEADLINE_MS,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, SSR_LOAD_ROLE: 'server' },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const memory = async (query = '') => JSON.parse((await get(port, `/memory${query}`)).body);
  try {
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    // Warm-up: the modules are loaded and compiled, and one round as large as the measured one
    // fills Node's own pools (it keeps up to 1 000 HTTP parsers for reuse), then the baseline.
    await withinDeadline(Promise.all(Array.from({ length: REQUESTS }, (_, i) => get(port, `/warm${i}`, agent))));
    await get(port, '/tokens');
    const baseline = await memory('?baseline');

    const users = Array.from({ length: REQUESTS }, (_, i) => `user${i}`);
    const started = performance.now();
    const results = await withinDeadline(Promise.all(users.map((user) => get(port, `/${user}`, agent))));
    const elapsed = performance.now() - started;

    // Each body: its own user's token (account in the shell, orders streamed), no other user's.
    const tokens = JSON.parse((await get(port, '/tokens')).body);
    const tokenOf = new Map(tokens);
    const userOfToken = new Map(tokens.map(([user, token]) => [token, user]));
    let leaks = 0;
    let unfinished = 0;
    let streamed = 0;
    results.forEach(({ body, chunks }, i) => {
      const user = users[i];
      const seen = body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
      const own = seen.filter((token) => token === tokenOf.get(user)).length;
      const others = seen.filter((token) => userOfToken.get(token) !== user).length;
      const names = body.match(/user\d+/g) ?? [];
      if (others > 0 || names.some((name) => name !== user) || own < 2) leaks++;
      if (!body.endsWith('</html>')) unfinished++;
      if (chunks > 1) streamed++;
    });

    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await memory();
    const firstBytes = results.map((result) => result.firstByte);
    const totals = results.map((result) => result.total);
    console.log(
      `\nServer rendering under load: ${REQUESTS} concurrent streamed requests on loopback, one Node process.`,
    );
    console.log(`| measure | value |\n| --- | --- |`);
    console.log(`| all ended in | ${Math.round(elapsed)} ms (${Math.round((REQUESTS / elapsed) * 1000)} pages/s) |`);
    console.log(
      `| first byte, median / p95 | ${Math.round(percentile(firstBytes, 50))} / ${Math.round(percentile(firstBytes, 95))} ms |`,
    );
    console.log(
      `| whole response, median / p95 | ${Math.round(percentile(totals, 50))} / ${Math.round(percentile(totals, 95))} ms |`,
    );
    console.log(`| responses that arrived in more than one chunk | ${streamed} of ${REQUESTS} |`);
    console.log(`| responses that did not end with </html> | ${unfinished} |`);
    console.log(`| responses with another user's data, or missing their own | ${leaks} |`);
    console.log(
      `| server heap: baseline / peak / after | ${mb(baseline.heapUsed)} / ${mb(after.peak)} / ${mb(after.heapUsed)} |`,
    );
    console.log(`| server RSS: baseline / after | ${mb(baseline.rss)} / ${mb(after.rss)} |`);
    const heapGrowth = after.heapUsed - baseline.heapUsed;
    const ok = leaks === 0 && unfinished === 0 && heapGrowth < 2 * 1024 * 1024;
    console.log(`\nheap after minus baseline: ${mb(heapGrowth)}. ${ok ? 'OK' : 'FAILED'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    child.kill();
  }
}

if (isServer) await serve();
else await main();
