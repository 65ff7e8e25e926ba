// The rows of the fault suite, in the order they run.
import type { Row } from '../row.js'
import { oversizedHeader, rapidReset } from './goaway-leak.js'
import { slowBody } from './slow-body.js'

/** Every row, in order. */
export const rows: ReadonlyArray<Row> = [slowBody, oversizedHeader, rapidReset]
