import { type Handler, bytes, goJson } from '../core/index.js'

/**
 * Upstream's `IndexLister`: answers `status` with `{"paths":[...]}` laid out as Go's
 * `json.MarshalIndent(v, "", "  ")` writes it (two-space indent, no trailing newline), with
 * `Content-Type: application/json`. The paths are read on every request, so routes added later show.
 * @example
 * import { indexLister } from 'kubechain/director'
 *
 * const index = indexLister(200, () => ['/healthz', '/version'])
 */
export const indexLister =
  (status: number, listedPaths: () => ReadonlyArray<string>): Handler =>
  () =>
    bytes(status, rootPathsJson(listedPaths()), jsonHeaders)

/** The body of an index listing: `metav1.RootPaths` as Go's `json.MarshalIndent` writes it. */
export const rootPathsJson = (paths: ReadonlyArray<string>): string => goJson({ paths }, 2)

/** Upstream's `ListedPathProviders`: the union of several path lists, sorted, each path once. */
export const unionPaths = (...lists: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => [...new Set(lists.flat())].sort()

const jsonHeaders = { 'content-type': 'application/json' } as const
