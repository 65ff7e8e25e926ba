import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Request } from '../core/request.js'
import type { ApiError } from '../core/status.js'
import { readBodyLimited } from '../core/read-body.js'
import { addWarning } from '../request/warnings.js'
import { type Decoded, decodeObject, typeMetaMismatch } from './decode-object.js'
import type { JsonObject } from './json-value.js'
import { type InputFormat, negotiateInput } from './negotiate-input.js'
import { decodeProtobufObject } from './protobuf/decode-protobuf-object.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { SchemaModels } from './schema.js'
import type { FieldValidation } from './write-options.js'

/** Upstream's cap on a request body (`MaxRequestBodyBytes`, 3 MiB); a longer body is 413. */
export const maxRequestBodyBytes = 3 * 1024 * 1024

/**
 * Reads a write's body as an object of `def`'s kind: its Content-Type negotiated (JSON, YAML,
 * Kubernetes protobuf; else 415), at most 3 MiB read (413 beyond), decoded (`decodeObject`,
 * `decodeProtobufObject`) and checked under `validation`; the strict errors `Warn` allows become
 * Warning headers on the response. Protobuf has no strict mode upstream: its unknown fields are dropped.
 * @example
 * readObject(req, configMapDefinition, models, 'Strict')
 */
export const readObject = (
  req: Request,
  def: ResourceDefinition,
  models: SchemaModels,
  validation: FieldValidation,
): TE.TaskEither<ApiError, JsonObject> =>
  pipe(
    TE.fromEither(negotiateInput(req)),
    TE.chain((format) =>
      pipe(
        readBodyLimited(req, maxRequestBodyBytes),
        TE.chainEitherK((body) => decodeAs(format, body, def, models, validation)),
      ),
    ),
    TE.map((decoded: Decoded) => {
      for (const w of decoded.warnings) addWarning(req, '', w)
      return decoded.object
    }),
  )

const decodeAs = (
  format: InputFormat,
  body: Uint8Array,
  def: ResourceDefinition,
  models: SchemaModels,
  validation: FieldValidation,
): E.Either<ApiError, Decoded> => {
  if (format !== 'protobuf') return decodeObject(body, format, def, models, validation)
  return pipe(
    decodeProtobufObject(body, def),
    E.chain(({ object }) => {
      const mismatch = typeMetaMismatch(object, def)
      return mismatch === undefined ? E.right({ object, warnings: [] }) : E.left(mismatch)
    }),
  )
}
