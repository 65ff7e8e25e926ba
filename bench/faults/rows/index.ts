// The rows of the fault suite, in the order of the table.
import type { Row } from '../row.js'
import { oversizedHeader, rapidReset } from './goaway-leak.js'
import { idleConnections } from './idle-connections.js'
import { slowBody } from './slow-body.js'
import { stalledWatchers } from './stalled-watchers.js'
import { unreadResponses } from './unread-responses.js'

/** Every row, in table order. */
export const rows: ReadonlyArray<Row> = [slowBody, oversizedHeader, rapidReset, idleConnections, stalledWatchers, unreadResponses]
