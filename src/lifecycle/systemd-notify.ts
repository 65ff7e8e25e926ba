import { spawn } from 'node:child_process'
import * as E from 'fp-ts/lib/Either.js'

/** What the notifier touches: the environment and a way to start a child process. */
export interface NotifyEnv {
  readonly env: Record<string, string | undefined>
  /** Starts `command args…` and reports how it ended: an exit code, or a start error. */
  readonly exec: (
    command: string,
    args: ReadonlyArray<string>,
    env: Record<string, string | undefined>,
  ) => Promise<E.Either<string, number>>
}

/** Runs a child process with `stdio` ignored; its exit code, or `left` when it cannot start. */
export const execChild: NotifyEnv['exec'] = (command, args, env) =>
  new Promise((resolve) => {
    const child = spawn(command, [...args], { env, stdio: 'ignore' })
    child.once('error', (e) => resolve(E.left(e.message)))
    child.once('exit', (code) => resolve(E.right(code ?? 1)))
  })

/**
 * Tells systemd the server is ready (upstream `systemd.SdNotify(true, "READY=1\n")`): when
 * `NOTIFY_SOCKET` is set, runs `systemd-notify --ready --pid=<this process>` with it and then removes it from
 * the environment (so children do not notify again); without it, does nothing. Never throws: a
 * failure is `left` (the caller logs `Unable to send systemd daemon successful start message`).
 * Port note: node's dgram cannot send to a unix datagram socket, so the message goes through the
 * `systemd-notify` tool; systemd accepts it only with `NotifyAccess=all` in the unit, because the
 * sender is a child process.
 * @example
 * const r = await systemdNotifyReady()
 */
export const systemdNotifyReady = async (
  io: NotifyEnv = { env: process.env, exec: execChild },
  pid: number = process.pid,
): Promise<E.Either<string, void>> => {
  const socket = io.env['NOTIFY_SOCKET']
  if (socket === undefined || socket === '') return E.right(undefined)
  const childEnv = { ...io.env }
  delete io.env['NOTIFY_SOCKET']
  const r = await io.exec('systemd-notify', ['--ready', `--pid=${pid}`], childEnv).catch((e: unknown) => E.left(String(e)))
  if (E.isLeft(r)) return r
  return r.right === 0 ? E.right(undefined) : E.left(`systemd-notify exited with code ${r.right}`)
}
