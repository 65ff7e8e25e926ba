/** The part of `process` the signal handler uses; specs pass a fake. */
export interface SignalProcess {
  readonly platform: string
  on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown
  exit(code: number): never | void
}

/**
 * Upstream `SetupSignalContext`: returns a signal that aborts on the first SIGTERM or SIGINT (Windows:
 * SIGINT only); a second one exits the process with code 1. The only place that calls `process.on`.
 * Port note: upstream panics when called twice per process; here a second call adds a second,
 * independent handler (the first signal aborts both, the second exits).
 * @example
 * const stop = setupSignalHandler()
 * await run(prepared, stop)()
 */
export const setupSignalHandler = (proc: SignalProcess = process): AbortSignal => {
  const controller = new AbortController()
  let received = 0
  const onSignal = (): void => {
    received += 1
    if (received === 1) controller.abort(new Error('received a termination signal'))
    else proc.exit(1)
  }
  const signals: ReadonlyArray<'SIGTERM' | 'SIGINT'> = proc.platform === 'win32' ? ['SIGINT'] : ['SIGINT', 'SIGTERM']
  for (const s of signals) proc.on(s, onSignal)
  return controller.signal
}
