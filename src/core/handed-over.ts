import type { RawRequest } from './request.js'

/** What a takeover's listener wrote to: a node response, whose `statusCode` is the status it sent. */
interface WrittenTo {
  readonly statusCode: number
}

/** The node response each raw request was handed over with, noted by the adapter that hands it over. */
const handedOver = new WeakMap<object, WrittenTo>()

/**
 * Notes that `raw` was handed to a takeover's listener with node response `res`. Called by the adapter
 * (`toNodeListener`) just before it calls the listener.
 */
export const noteHandOver = (raw: object, res: WrittenTo): void => void handedOver.set(raw, res)

/**
 * The status a takeover's listener (an Express route, say) sent for `raw`, read once its response ended,
 * as upstream's filters read the status a delegated handler wrote through the response writer; `undefined`
 * when `raw` was not handed over. Audit, HTTP logging and request metrics record it for a takeover.
 */
export const takeoverStatus = (raw: RawRequest | undefined): number | undefined =>
  raw === undefined ? undefined : handedOver.get(raw)?.statusCode
