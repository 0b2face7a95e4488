/** Background work repeated on a timer that does not hold the process open. */
export interface Sweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Runs `sweep` every `intervalMs`, never two at once; a failure is reported and the next tick retries. */
export function startSweeper(
  sweep: () => Promise<unknown>,
  onError: (err: unknown) => void,
  intervalMs: number,
): Sweeper {
  let running: Promise<void> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = sweep()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
