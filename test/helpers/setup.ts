// Loaded before every browser test file (web-test-runner.config.mjs, testRunnerHtml).
// The pure entry: the main one would register open-wc's fixture clean-up before mocha exists.
import { expect } from '@open-wc/testing/pure';

// A failing sinon-chai assertion (`expect(spy).to.have.been.calledOnce`) carries the spy itself
// as the error's `actual`, and web-test-runner then hangs the page trying to serialize that
// function's object graph: the run ends with "Browser tests did not finish" instead of the
// message. The message says everything already, so the spy is dropped from the error.
const assertion = Object.getPrototypeOf(expect(0)) as { assert: (...args: unknown[]) => void };
const assert = assertion.assert;
assertion.assert = function (...args: unknown[]) {
  try {
    assert.apply(this, args);
  } catch (error) {
    const failure = error as { actual?: unknown; expected?: unknown; showDiff?: boolean };
    if (typeof failure.actual === 'function') {
      delete failure.actual;
      delete failure.expected;
      failure.showDiff = false;
    }
    throw error;
  }
};
