// A serve child owned by one row: started with its flags, sampled from the start, killed when the row ends.
import { type Monitor, monitor } from './monitor.js'
import type { RowContext } from './row.js'
import { type ServeChild, type ServeOptions, startServe } from './serve-child.js'

/** A row's server and its sampler. */
export interface RowServer {
  readonly child: ServeChild
  readonly mon: Monitor
  /** The flags as the table prints them (with the fd limit and node flags, when set). */
  readonly flagText: string
}

/** Starts a child for `ctx`'s row; the child is SIGKILLed (if still running) when the row ends. */
export const serveFor = async (ctx: RowContext, flags: ReadonlyArray<string>, o: ServeOptions = {}): Promise<RowServer> => {
  const child = await startServe(flags, o)
  ctx.defer(() => child.stop('SIGKILL', 5_000))
  const mon = monitor(child.pid)
  ctx.defer(() => mon.stop())
  ctx.log(`server pid ${child.pid} on port ${child.port}`)
  const extra = [
    ...(o.normalUser === true ? ['--token-auth-file=(admin, faults-user)'] : []),
    ...(o.nofile === undefined ? [] : [`nofile=${o.nofile}`]),
    ...(o.nodeFlags ?? []),
  ]
  return { child, mon, flagText: [...flags, ...extra].join(' ') || '(defaults)' }
}
