// What every browser benchmark (and the demo's screenshot script) needs: Debian's Chromium
// through puppeteer-core, launched the way this machine allows, and a throwaway page server.
import { createServer } from 'node:http';
import { launchBrowser } from '../../scripts/browsers.mjs';

/** The system Chromium (`CHROME_PATH` overrides), headless, as root, with no background traffic. */
export function launchChromium({ args = [] } = {}) {
  return launchBrowser('chromium', { args });
}

/**
 * Serves `files` (URL path -> body; `/` is the HTML page, the rest JavaScript) on a free port of
 * 127.0.0.1. Resolves with the page's URL and the server, to close when done.
 */
export async function serveFiles(files) {
  const server = createServer((req, res) => {
    const body = files[req.url];
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': req.url === '/' ? 'text/html' : 'text/javascript',
    });
    res.end(body ?? '');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, server };
}
