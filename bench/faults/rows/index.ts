// The rows of the fault suite, in the order of the table.
import type { Row } from '../row.js'
import { gracefulAudit, killedAudit } from './batch-audit.js'
import { oversizedHeader, rapidReset } from './goaway-leak.js'
import { idleConnections } from './idle-connections.js'
import { junkHeaders, repeatedHeaders } from './impersonation-headers.js'
import { noHost, streamLimit } from './protocol-edges.js'
import { slowBody } from './slow-body.js'
import { stalledWatchers } from './stalled-watchers.js'
import { unreadResponses } from './unread-responses.js'

/** Every row, in table order. */
export const rows: ReadonlyArray<Row> = [
  slowBody,
  oversizedHeader,
  rapidReset,
  idleConnections,
  stalledWatchers,
  unreadResponses,
  gracefulAudit('batch'),
  gracefulAudit('blocking'),
  killedAudit,
  repeatedHeaders,
  junkHeaders,
  noHost,
  streamLimit,
]
