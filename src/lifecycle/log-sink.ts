import sonicBoom, { type SonicBoomOpts, type SonicBoom as SonicBoomStream } from 'sonic-boom'

// sonic-boom is CommonJS (`module.exports = SonicBoom`): its default import is the class, whatever its types say.
const SonicBoom = sonicBoom as unknown as new (opts: SonicBoomOpts) => SonicBoomStream

/** Where a logger's lines go: buffered writes, and the two ways to make sure they reached the file. */
export interface LogSink {
  /** Queues one line; written soon, in order, without blocking the caller on the file. */
  readonly write: (line: string) => void
  /**
   * Writes every queued line now, blocking, for process exit; a write already in flight finishes on
   * its own (await `flush` where order matters). Never throws.
   */
  readonly flushSync: () => void
  /** Resolves once every line queued so far is written (or the file failed). */
  readonly flush: () => Promise<void>
}

/** The part of `process` the sink uses to flush on exit; specs pass a fake. */
export interface ExitProcess {
  once(event: 'exit', listener: () => void): unknown
}

/** Bytes queued while the fd does not take them; past this lines are dropped, so a blocked or broken stderr cannot grow the heap (klog drops too). */
const maxQueuedBytes = 8 * 1024 * 1024

/**
 * A sink on a file descriptor (stderr, fd 2, by default) through sonic-boom, pino's writer: lines are
 * gathered while a write is in flight and written together, off the request path. On process exit
 * (`process.exit`, a second termination signal, the end of the event loop) whatever is still queued
 * is written synchronously; only a write already in flight when `process.exit` is called can be cut
 * short. fds 1 and 2 are never closed.
 * @example
 * const sink = fdLogSink()
 * const log = klogLogger({ format: 'text', verbosity: newVerbosity(0), write: sink.write, now: Date.now, pid: process.pid })
 */
export const fdLogSink = (fd = 2, proc: ExitProcess = process): LogSink => {
  const boom = new SonicBoom({ fd, sync: false, maxLength: maxQueuedBytes })
  // A failing stderr must not take the process down: lines are lost, requests go on.
  boom.on('error', () => undefined)
  const flushSync = (): void => {
    try {
      boom.flushSync()
    } catch {
      // nothing left to do: the file refuses writes
    }
  }
  proc.once('exit', flushSync)
  return {
    write: (line) => void boom.write(line),
    flushSync,
    flush: () => new Promise((resolve) => boom.flush(() => resolve())),
  }
}
