import * as E from 'fp-ts/lib/Either.js'
import type { Logger } from '../../core/logger.js'
import type { Handler } from '../../core/handler.js'
import { query } from '../../core/query.js'
import type { Request } from '../../core/request.js'
import { type HttpResponse, bytes, text } from '../../core/response.js'
import { plainError, toResponse } from '../../core/status.js'
import { type MuxEdit, handle } from '../../director/path-mux.js'
import { type HealthCheck, pingCheck, runCheck } from './health-check.js'

const okHeaders = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } as const

/** Go's `%q` for the names in the exclusion warning (ASCII names quote the same in JSON). */
const quoted = (names: ReadonlyArray<string>): string => names.map((n) => JSON.stringify(n)).join(',')

/** Hears the outcome of each check a root health path ran (upstream `slis.ObserveHealthcheck`): `type` is the path's name. */
export type ObserveCheck = (check: string, type: string, ok: boolean) => void

/**
 * The root handler of a health path (upstream `handleRootHealth`): runs every check in order, except
 * those named by `?exclude=`; `ok` (200) or, with `?verbose`, one line per check and `<name> check
 * passed`; any failure answers 500 with every line and `<name> check failed` (reasons withheld, logged).
 * `firstTimeHealthy` runs once, on the first success; `observe` hears every check run (not the excluded ones).
 * @example
 * const signals = newLifecycleSignals()
 * const readyz = rootHealthHandler('readyz', [pingCheck], deps.log, signals.hasBeenReady.fire)
 */
export const rootHealthHandler = (
  name: string,
  checks: ReadonlyArray<HealthCheck>,
  log: Logger,
  firstTimeHealthy?: () => void,
  observe?: ObserveCheck,
): Handler => {
  let notified = firstTimeHealthy === undefined
  const passedLine = `${name} check passed\n`
  const heard = observe === undefined ? undefined : (check: string, ok: boolean) => observe(check, name, ok)
  return async (req) => {
    const { lines, failed, details } = await runAll(checks, req, log, heard)
    if (failed.length > 0) {
      log({ level: 'debug', v: 2, msg: `${failed.join(',')} check failed: ${name}\n${details}` })
      return toResponse(plainError(500, `${lines}${name} check failed`))
    }
    if (!notified) {
      notified = true
      firstTimeHealthy?.()
    }
    return bytes(200, query(req).has('verbose') ? lines + passedLine : 'ok', okHeaders)
  }
}

interface Outcome {
  readonly lines: string
  readonly failed: ReadonlyArray<string>
  readonly details: string
}

const runAll = async (
  checks: ReadonlyArray<HealthCheck>,
  req: Request,
  log: Logger,
  observe: ((check: string, ok: boolean) => void) | undefined,
): Promise<Outcome> => {
  const excluded = new Set(query(req).get('exclude') ?? [])
  const failed: string[] = []
  let lines = ''
  let details = ''
  for (const check of checks) {
    if (excluded.delete(check.name)) {
      lines += `[+]${check.name} excluded: ok\n`
      continue
    }
    const r = await runCheck(check, req)
    observe?.(check.name, E.isRight(r))
    if (E.isRight(r)) lines += `[+]${check.name} ok\n`
    else {
      lines += `[-]${check.name} failed: reason withheld\n`
      details += `[-]${check.name} failed: ${r.left}\n`
      failed.push(check.name)
    }
  }
  if (excluded.size > 0) {
    const names = quoted([...excluded].sort())
    lines += `warn: some health checks cannot be excluded: no matches for ${names}\n`
    log({ level: 'warn', msg: `cannot exclude some health checks, no health checks are installed matching ${names}` })
  }
  return { lines, failed, details }
}

/** The per-check handler `<path>/<check>` (upstream `adaptCheckToHandler`): `ok`, or 500 with the reason. */
export const checkHandler =
  (check: HealthCheck): Handler =>
  async (req): Promise<HttpResponse> => {
    const r = await runCheck(check, req)
    return E.isRight(r) ? text(200, 'ok') : toResponse(plainError(500, `internal server error: ${r.left}`))
  }

/**
 * Registers a health path and one sub-path per check, all listed (upstream `InstallPathHandlerWithHealthyFunc`);
 * no checks installs `ping`. The name in bodies is the first segment of `path`.
 * Port note: a second check with a name already seen gets no sub-path of its own (upstream's mux
 * replaces the first one and reports a duplicate registration).
 * @example
 * const ref = newMuxRef(newPathMux())
 * ref.modify(installPathHandler('/healthz', [pingCheck], deps.log))
 */
export const installPathHandler =
  (path: string, checks: ReadonlyArray<HealthCheck>, log: Logger, firstTimeHealthy?: () => void, observe?: ObserveCheck): MuxEdit =>
  (mux) => {
    const all = checks.length === 0 ? [pingCheck] : checks
    const name = path.replace(/^\//, '').split('/')[0] ?? ''
    let out = handle(path, rootHealthHandler(name, all, log, firstTimeHealthy, observe))(mux)
    const seen = new Set<string>()
    for (const check of all) {
      if (seen.has(check.name)) continue
      seen.add(check.name)
      out = E.chain(handle(`${path}/${check.name}`, checkHandler(check)))(out)
    }
    return out
  }
