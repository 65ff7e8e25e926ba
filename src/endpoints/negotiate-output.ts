import * as E from 'fp-ts/lib/Either.js'
import { queryValue } from '../core/query.js'
import { type Request, header, headerValues } from '../core/request.js'
import type { ApiError } from '../core/status.js'
import { type AcceptClause, parseAccept } from './media-types.js'
import { notAcceptable } from './negotiate-errors.js'

/** The encodings responses are written in. */
export type OutputFormat = 'json' | 'yaml'

/** A form of the object other than its own kind, asked with `;as=<Kind>;v=<version>;g=meta.k8s.io`. */
export interface Conversion {
  readonly kind: 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList'
  readonly version: 'v1' | 'v1beta1'
}

/** What a response is written as: its encoding, content type, conversion if any, and indentation. */
export interface OutputTarget {
  readonly format: OutputFormat
  /** The Content-Type of the response: `application/json` or `application/yaml`. */
  readonly mediaType: string
  readonly convert: Conversion | undefined
  /** Indented JSON: `;pretty=1`, `?pretty=true`, or a curl, Wget or browser User-Agent. */
  readonly pretty: boolean
}

/** What an endpoint can convert to: upstream's `AllowsMediaTypeTransform` (Table needs a table convertor). */
export interface OutputOptions {
  readonly allowsTable: boolean
}

/**
 * The media types responses are written in, in upstream's order.
 * Port note: upstream also writes `application/vnd.kubernetes.protobuf` (and lists it in its 406);
 * this server does not encode protobuf, so it neither chooses nor lists it.
 */
export const outputMediaTypes: ReadonlyArray<string> = ['application/json', 'application/yaml']

const serializers: ReadonlyArray<{ readonly subType: OutputFormat }> = [{ subType: 'json' }, { subType: 'yaml' }]

/** JSON, what a request without Accept gets. */
export const jsonTarget: OutputTarget = { format: 'json', mediaType: 'application/json', convert: undefined, pretty: false }

/**
 * Chooses how to write a response from the request's Accept header, as upstream's
 * `NegotiateOutputMediaType`: no Accept is JSON; otherwise the first clause (by quality, then
 * specificity) naming `application/json`, `application/yaml`, `application/*` or `*\/*` whose
 * parameters the endpoint allows (`as`/`v`/`g` a Table, PartialObjectMetadata or
 * PartialObjectMetadataList of `meta.k8s.io` `v1` or `v1beta1`; `stream=watch` JSON only). None: 406.
 * @example
 * negotiateOutput(req, { allowsTable: true }) // Right({ format: 'json', convert: { kind: 'Table', version: 'v1' }, ... })
 */
export const negotiateOutput = (req: Request, opts: OutputOptions): E.Either<ApiError, OutputTarget> => {
  const accept = headerValues(req, 'accept')[0] ?? ''
  if (accept === '') return E.right(isPrettyPrint(req) ? { ...jsonTarget, pretty: true } : jsonTarget)
  for (const clause of parseAccept(accept)) {
    for (const s of serializers) {
      if (!matches(clause, s.subType)) continue
      const target = acceptOptions(clause.params, s.subType, opts)
      if (target !== undefined) return E.right(target.pretty || !isPrettyPrint(req) ? target : { ...target, pretty: true })
    }
  }
  return E.left(notAcceptable(outputMediaTypes))
}

/**
 * `negotiateOutput` for a watch, as upstream's `NegotiateOutputMediaTypeStream`: only encodings with a
 * stream form serve a watch (JSON here; YAML has none), else 406 listing `application/json;stream=watch`.
 */
export const negotiateWatchOutput = (req: Request, opts: OutputOptions): E.Either<ApiError, OutputTarget> =>
  E.chain((t: OutputTarget) => (t.format === 'json' ? E.right(t) : E.left(notAcceptable(['application/json;stream=watch']))))(
    negotiateOutput(req, opts),
  )

const matches = (c: AcceptClause, subType: string): boolean =>
  (c.type === 'application' && (c.subType === subType || c.subType === '*')) || (c.type === '*' && c.subType === '*')

/** Upstream's `acceptMediaTypeOptions`: the target a clause asks for, or `undefined` when the endpoint cannot give it. */
const acceptOptions = (params: Readonly<Record<string, string>>, format: OutputFormat, opts: OutputOptions): OutputTarget | undefined => {
  const { as, g, v, stream, sv, pretty } = params
  if (stream !== undefined && stream !== '' && (format !== 'json' || stream !== 'watch')) return undefined
  if (sv !== undefined && sv !== '' && sv !== 'v1') return undefined
  const asked = as !== undefined || g !== undefined || v !== undefined
  const convert = asked ? conversion(as ?? '', g ?? '', v ?? '', format, opts) : undefined
  if (asked && convert === undefined) return undefined
  return { format, mediaType: `application/${format}`, convert, pretty: pretty === '1' }
}

const conversion = (kind: string, group: string, version: string, format: OutputFormat, opts: OutputOptions): Conversion | undefined => {
  if (group !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) return undefined
  if (kind === 'Table') return opts.allowsTable && (format === 'json' || format === 'yaml') ? { kind, version } : undefined
  return kind === 'PartialObjectMetadata' || kind === 'PartialObjectMetadataList' ? { kind, version } : undefined
}

/** Upstream's `isPrettyPrint`: `?pretty=` read as Go's `ParseBool` when set, else a curl, Wget or browser User-Agent. */
export const isPrettyPrint = (req: Request): boolean => {
  const pp = queryValue(req, 'pretty')
  if (pp !== undefined && pp !== '') return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(pp)
  const ua = header(req, 'user-agent') ?? ''
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0')
}
