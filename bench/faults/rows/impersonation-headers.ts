// Rows 6 and 7: what the server makes of Impersonate-* headers that repeat, or that come after ~1,000
// other headers, read back from a SelfSubjectReview (it echoes the user the server settled on).
import type { OutgoingHttpHeaders } from 'node:http'
import { h2Call } from '../h2-call.js'
import { type Reply, tryCall } from '../https-call.js'
import { fdCell, memoryCell } from '../monitor.js'
import type { Outcome, Row } from '../row.js'
import { type RowServer, serveFor } from '../row-server.js'

const reviews = '/apis/authentication.k8s.io/v1/selfsubjectreviews'
const review = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' })

/** The user a SelfSubjectReview answer names, or why there is none. */
interface Seen {
  readonly status: number
  readonly user: string | undefined
  readonly groups: ReadonlyArray<string>
  /** The client's error code when no answer came. */
  readonly error: string
}

/** Row 6: Impersonate-Group twice (g1, g2) as the admin, over HTTP/1.1 and HTTP/2; two groups must come back. */
export const repeatedHeaders: Row = {
  attack: '6 Impersonate-Group repeated (h1, h2)',
  budgetMs: 20_000,
  run: async (ctx) => {
    const s = await serveFor(ctx, [])
    const headers = {
      authorization: `Bearer ${s.child.token}`,
      'content-type': 'application/json',
      'impersonate-user': 'faults-imp',
      'impersonate-group': ['g1', 'g2'],
    }
    const h1 = seen(await tryCall(s.child, reviews, { method: 'POST', headers, body: review }))
    const h2 = seen(await h2Call(s.child, reviews, headers, review))
    const ok = (x: Seen): boolean => x.status === 201 && x.user === 'faults-imp' && x.groups.includes('g1') && x.groups.includes('g2')
    const line = (name: string, x: Seen): string => `${name} ${x.status} user ${x.user ?? '-'} groups ${JSON.stringify(x.groups)}`
    return { held: ok(h1) && ok(h2), bound: `${line('h1', h1)}; ${line('h2', h2)}`, ...cells(s) }
  },
}

const junk = 998

/**
 * Row 7: 998 junk headers, then Impersonate-User, as the admin; never served as the admin: honoured, or
 * 431, or (HTTP/2 only) the stream refused by node's header-count limit, which the table names since
 * upstream's Go server would serve such a request.
 */
export const junkHeaders: Row = {
  attack: `7 ${junk} junk headers + Impersonate-User (h1, h2)`,
  budgetMs: 20_000,
  run: async (ctx) => {
    const s = await serveFor(ctx, [])
    const headers: OutgoingHttpHeaders = { authorization: `Bearer ${s.child.token}`, 'content-type': 'application/json' }
    for (let i = 0; i < junk; i++) headers[`x-faults-junk-${i}`] = 'j'
    headers['impersonate-user'] = 'faults-imp'
    const h1 = seen(await tryCall(s.child, reviews, { method: 'POST', headers, body: review }))
    const h2 = seen(await h2Call(s.child, reviews, headers, review))
    const ok = (x: Seen): boolean => x.status === 431 || (x.status === 201 && x.user === 'faults-imp')
    const refused = h2.status === 0 && h2.error === 'ERR_HTTP2_STREAM_ERROR'
    const line = (name: string, x: Seen): string =>
      `${name} ${x.status || `no answer (${x.error})`}${x.user === undefined ? '' : ` as ${x.user}`}`
    const notes = refused ? 'h2: the stream was reset (node refuses more than its maxHeaderListPairs); upstream would serve it' : ''
    return {
      held: ok(h1) && (ok(h2) || refused),
      bound: `${line('h1', h1)}; ${line('h2', h2)} (want 431 or faults-imp)`,
      notes,
      ...cells(s),
    }
  },
}

const seen = (r: Reply): Seen => {
  try {
    const info = (JSON.parse(r.body) as { status?: { userInfo?: { username?: string; groups?: string[] } } }).status?.userInfo
    return { status: r.status, user: info?.username, groups: info?.groups ?? [], error: '' }
  } catch {
    return { status: r.status, user: undefined, groups: [], error: r.status === 0 ? r.body : '' }
  }
}

const cells = (s: RowServer): Pick<Outcome, 'memory' | 'fds' | 'flags'> => {
  s.mon.mark('after')
  return { memory: memoryCell(s.mon, 'after'), fds: fdCell(s.mon, 'after'), flags: s.flagText }
}
