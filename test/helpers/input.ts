// Keyboard and viewport input for tests, in all three engines. @web/test-runner-commands has no
// WebDriver support for `sendKeys` down/up nor for `setViewport`; these go through
// test/wtr/input-plugin.mjs, which uses WebDriver Actions in WebKit and the stock commands elsewhere.
import { executeServerCommand, type SendKeysPayload, type Viewport } from '@web/test-runner-commands';
import { frames } from './frames.js';

/**
 * `sendKeys` of @web/test-runner-commands, with `down` and `up` in WebKit too. Key names are
 * puppeteer's (`Shift`, `Tab`, `Enter`, `ArrowDown`, a character).
 *
 * @example
 * ```ts
 * await sendKeys({ down: 'Shift' });
 * await sendKeys({ press: 'Tab' }); // focus moves back
 * await sendKeys({ up: 'Shift' });
 * ```
 */
export async function sendKeys(payload: SendKeysPayload): Promise<void> {
  await executeServerCommand('input-send-keys', payload);
}

/**
 * `setViewport` of @web/test-runner-commands, in WebKit too: resolves once the page's
 * `innerWidth` and `innerHeight` are the size asked for.
 *
 * @example
 * ```ts
 * await setViewport({ width: 400, height: 300 });
 * ```
 */
export async function setViewport(viewport: Pick<Viewport, 'width' | 'height'>): Promise<void> {
  await executeServerCommand('input-set-viewport', viewport);
  // WebKit's page learns its new size a few frames after the window has it.
  await frames(() => innerWidth === viewport.width && innerHeight === viewport.height, 60);
}
