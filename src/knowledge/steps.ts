import { performance } from 'node:perf_hooks';

/**
 * Long builds (loading the knowledge, the index, the phrasing model, the classifier) are written as
 * generators that pause between small steps. The CLI and tests run them to the end at once; a
 * running bot runs them a slice at a time, so a reload never holds the gateway for the whole build.
 */

/** How long a slice may run before pending I/O and timers get their turn. */
export const SLICE_MS = 8;

/** Runs the steps to their end without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps in slices of about `sliceMs` (0: one step at a time), letting the event loop run between them. Same result, same errors. */
export async function runInSlices<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  for (;;) {
    const until = performance.now() + sliceMs;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= until) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
