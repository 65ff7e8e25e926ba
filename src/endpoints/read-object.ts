import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { type Request, header } from '../core/request.js'
import type { ApiError } from '../core/status.js'
import { genericServerResponse } from '../example-api/api-errors.js'
import { readBodyLimited } from '../filters/read-body.js'
import { addWarning } from '../request/warnings.js'
import { type BodyFormat, type Decoded, decodeObject } from './decode-object.js'
import type { JsonObject } from './json-value.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { SchemaModels } from './schema.js'
import type { FieldValidation } from './write-options.js'

/** Upstream's cap on a request body (`MaxRequestBodyBytes`, 3 MiB); a longer body is 413. */
export const maxRequestBodyBytes = 3 * 1024 * 1024

/**
 * Reads a write's body as an object of `def`'s kind: its Content-Type chosen (JSON, YAML; else 415),
 * at most 3 MiB read (413 beyond), decoded with `decodeObject` under `validation`; the strict errors
 * `Warn` allows become Warning headers on the response.
 * @example
 * readObject(req, configMapDefinition, models, 'Strict')
 */
export const readObject = (req: Request, def: ResourceDefinition, models: SchemaModels, validation: FieldValidation): TE.TaskEither<ApiError, JsonObject> =>
  pipe(
    TE.fromEither(bodyFormat(req)),
    TE.chain((format) =>
      pipe(
        readBodyLimited(req, maxRequestBodyBytes),
        TE.chainEitherK((body) => decodeObject(body, format, def, models, validation)),
      ),
    ),
    TE.map((decoded: Decoded) => {
      for (const w of decoded.warnings) addWarning(req, '', w)
      return decoded.object
    }),
  )

const bodyFormat = (req: Request): E.Either<ApiError, BodyFormat> => {
  const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'application/json' || type === '') return E.right('json')
  if (type === 'application/yaml') return E.right('yaml')
  return E.left(genericServerResponse(415, '415: Unsupported Media Type'))
}
