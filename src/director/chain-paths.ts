import * as O from 'fp-ts/lib/Option.js'
import { type Handler, attr, get, put } from '../core/index.js'
import { indexLister } from './index-lister.js'

/** The listed paths of the outermost server a request came through on its way down a delegation chain. */
export const chainPathsKey = attr<() => ReadonlyArray<string>>('ChainListedPaths')

/**
 * Hands a miss to the next server's director, first noting this server's listed paths on the request
 * unless a server further out already did. Only misses pay for it; hits never reach this handler.
 */
export const delegateMiss =
  (listed: () => ReadonlyArray<string>, next: Handler): Handler =>
  (req) =>
    next(O.isSome(get(req, chainPathsKey)) ? req : put(req, chainPathsKey, listed))

/**
 * The 404 index at the end of a chain: lists every path of the whole chain (the outermost server's
 * listing, which includes all its delegates), or this server's own when it was asked directly.
 */
export const chainIndexLister =
  (own: () => ReadonlyArray<string>): Handler =>
  (req) =>
    indexLister(404, O.getOrElse(() => own)(get(req, chainPathsKey)))(req)
