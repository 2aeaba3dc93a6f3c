// Fake timers for the tests, from sinon. Only what a test names is faked: lit's microtasks,
// mocha's own timers, animation frames and input stay real.
import sinon from 'sinon';

/** A moment far from 0, so that "never" (0) and "now" are never confused. */
export const START = 1_000_000;

/** Fake `setTimeout`, `clearTimeout` and `Date`, starting at {@link START}. Restore with `clock.restore()`. */
export const fakeClock = (now = START) => sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now });

/** Fake `setTimeout` and `clearTimeout` only (`Date` stays real). */
export const fakeTimeouts = () => sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

/** Fake `Date` only, starting at {@link START}. */
export const fakeDate = (now = START) => sinon.useFakeTimers({ toFake: ['Date'], now });
