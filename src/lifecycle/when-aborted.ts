/** Resolves when `signal` aborts (at once if it already has); the listener is removed after it fired. */
export const whenAborted = (signal: AbortSignal): Promise<void> =>
  signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
