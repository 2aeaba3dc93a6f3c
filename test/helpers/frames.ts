// Waiting on rendering, never on timers (which tests may fake).

/** Waits for the next animation frame. */
export const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Lets `count` animation frames pass (rendering, and with it IntersectionObserver, runs). */
export async function nextFrames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await frame();
}

/** Waits for a condition, checking once per animation frame; fails after `max` frames. */
export async function frames(condition: () => boolean, max = 300): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > max) throw new Error(`condition not met after ${max} frames: ${condition}`);
    await frame();
  }
}
