/** Why a path mux registration was refused. */
export type MuxError =
  | { readonly _tag: 'DuplicatePath'; readonly path: string }
  | { readonly _tag: 'MissingTrailingSlash'; readonly path: string }

/**
 * Renders a mux error as one line, with upstream's wording and Go-style quoting of the path.
 * @example
 * import { muxErrorMessage } from 'kubechain/director'
 *
 * muxErrorMessage({ _tag: 'DuplicatePath', path: '/healthz' }) // 'duplicate path registration of "/healthz"'
 */
export const muxErrorMessage = (e: MuxError): string =>
  e._tag === 'DuplicatePath'
    ? `duplicate path registration of ${JSON.stringify(e.path)}`
    : `${JSON.stringify(e.path)} must end in a trailing slash`
