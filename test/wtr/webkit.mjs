// WebKit for web-test-runner: Debian's WebKitGTK MiniBrowser, driven by its WebDriver
// (`webkit2gtk-driver`) through @web/test-runner-webdriver. The launcher starts what it needs
// and stops it again, so `npm test` stays one command:
// - an X display: MiniBrowser has no headless mode. Where `DISPLAY` is unset, a private Xvfb
//   (`-displayfd` picks a free display number, so parallel runs never collide);
// - `WebKitWebDriver` on a free port, with that display.
// Facts this rests on: webdriverio 9 asks for WebDriver BiDi, which WebKitWebDriver refuses at
// session creation ('wdio:enforceWebDriverClassic' keeps it to classic WebDriver), and
// @web/test-runner-webdriver 0.9 is the line for @web/test-runner 0.20 (1.x needs Node 22).
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const MINIBROWSER = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
];

/** The path of MiniBrowser (`WEBKIT_PATH`, else Debian's), or `undefined` when it is not installed. */
export const miniBrowserPath = () => process.env.WEBKIT_PATH || MINIBROWSER.find((path) => existsSync(path));

/** Processes this launcher started, killed when Node exits whatever happened. */
const started = new Set();
process.on('exit', () => started.forEach((child) => child.kill()));

/** Starts a command that stays running, and remembers it. */
function startProcess(command, args, options) {
  const child = spawn(command, args, options);
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

/** Starts a private Xvfb and resolves with its display (`:N`) once it accepts clients. */
function startDisplay() {
  const xvfb = startProcess('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    xvfb.stderr.on('data', (chunk) => (stderr += chunk));
    xvfb.stdio[3].on('data', (chunk) => resolve({ display: `:${String(chunk).trim()}`, process: xvfb }));
    xvfb.on('error', (error) =>
      reject(new Error(`webkit: cannot start Xvfb (apt-get install xvfb): ${error.message}`)),
    );
    xvfb.on('exit', (code) => reject(new Error(`webkit: Xvfb exited with ${code}: ${stderr}`)));
  });
}

/** A TCP port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver on a free port and resolves with the port once it answers `/status`. */
async function startDriver(display) {
  const port = await freePort();
  const driver = startProcess('WebKitWebDriver', [`--port=${port}`], {
    stdio: 'ignore',
    env: { ...process.env, DISPLAY: display },
  });
  const failed = new Promise((_, reject) => {
    driver.on('error', (error) =>
      reject(new Error(`webkit: cannot start WebKitWebDriver (apt-get install webkit2gtk-driver): ${error.message}`)),
    );
    driver.on('exit', (code) => reject(new Error(`webkit: WebKitWebDriver exited with ${code}`)));
  });
  const ready = (async () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const answer = await fetch(`http://127.0.0.1:${port}/status`).catch(() => undefined);
      if (answer?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('webkit: WebKitWebDriver did not answer within 10 s');
  })();
  await Promise.race([ready, failed]);
  return { port, process: driver };
}

/** The WebDriver launcher, with the display and the driver it needs started first and stopped last. */
class WebKitLauncher extends WebdriverLauncher {
  #processes = [];

  async initialize(config) {
    let display = process.env.DISPLAY;
    if (!display) {
      const xvfb = await startDisplay();
      display = xvfb.display;
      this.#processes.push(xvfb.process);
    }
    const driver = await startDriver(display);
    this.#processes.push(driver.process);
    this.options.port = driver.port;
    await super.initialize(config);
  }

  async stop() {
    await super.stop(); // ends the session, which closes MiniBrowser
    for (const child of this.#processes.reverse()) child.kill();
    this.#processes = [];
  }
}

/**
 * The WebKit launcher for web-test-runner's `browsers`.
 * @example
 * ```js
 * export default { browsers: [webkitLauncher()], concurrency: 1 };
 * ```
 */
export function webkitLauncher({ binary = miniBrowserPath() } = {}) {
  return new WebKitLauncher({
    hostname: '127.0.0.1',
    port: 0, // set once the driver runs
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary, args: ['--automation'] },
    },
  });
}
