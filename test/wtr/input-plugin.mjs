// Keyboard and viewport commands that work in every engine here, WebKit included.
// @web/test-runner-commands 0.9 gives WebDriver sessions `sendKeys` press and type only, and no
// `setViewport`. This plugin serves `input-send-keys` and `input-set-viewport` (called by
// test/helpers/input.ts): through WebDriver Actions for a WebDriver session, and through the
// stock commands for the others, so a test reads the same in all three engines.
import { sendKeysPlugin, setViewportPlugin } from '@web/test-runner-commands/plugins';
import { Key } from 'webdriverio';

const stockKeys = sendKeysPlugin();
const stockViewport = setViewportPlugin();

/** A key as WebDriver names it: a named key's code point (puppeteer's names), else the character. */
function webdriverKey(name) {
  if (name === 'Meta') return Key.Command;
  if (name.length > 1 && !(name in Key)) throw new Error(`input-send-keys: unknown key "${name}"`);
  return Key[name] ?? name;
}

/** The key actions of one payload: `down`, `up`, `press` (down and up), `type` (each character pressed). */
function keyActions(payload) {
  if ('down' in payload) return [{ type: 'keyDown', value: webdriverKey(payload.down) }];
  if ('up' in payload) return [{ type: 'keyUp', value: webdriverKey(payload.up) }];
  const keys = 'press' in payload ? [webdriverKey(payload.press)] : [...payload.type];
  return keys.flatMap((value) => [
    { type: 'keyDown', value },
    { type: 'keyUp', value },
  ]);
}

/**
 * Sends the payload as one WebDriver Actions call. No `releaseActions` after it (webdriverio's
 * `keys` releases every key), so a key held `down` stays held until its `up`, as in puppeteer.
 */
async function sendWebDriverKeys(driver, payload) {
  await driver.performActions([{ type: 'key', id: 'keyboard', actions: keyActions(payload) }]);
}

/** Sizes the window so that the page's viewport (innerWidth × innerHeight) is the one asked for. */
async function setWebDriverViewport(driver, { width, height }) {
  const outer = await driver.getWindowSize();
  const [innerWidth, innerHeight] = await driver.execute('return [innerWidth, innerHeight]');
  await driver.setWindowSize(width + outer.width - innerWidth, height + outer.height - innerHeight);
}

/**
 * The plugin for web-test-runner's `plugins`.
 * @example
 * ```js
 * export default { plugins: [inputPlugin()] };
 * ```
 */
export function inputPlugin() {
  return {
    name: 'input-commands',
    async executeCommand({ command, payload, session }) {
      const driver = session.browser.type === 'webdriver' ? session.browser.driver : undefined;
      if (command === 'input-send-keys') {
        if (!driver) return stockKeys.executeCommand({ command: 'send-keys', payload, session });
        await sendWebDriverKeys(driver, payload);
        return true;
      }
      if (command === 'input-set-viewport') {
        if (!driver) return stockViewport.executeCommand({ command: 'set-viewport', payload, session });
        await setWebDriverViewport(driver, payload);
        return true;
      }
      return undefined;
    },
  };
}
