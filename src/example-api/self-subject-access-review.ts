import * as E from 'fp-ts/lib/Either.js'
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from '../auth/authorizer.js'
import type { UserInfo } from '../auth/user.js'
import type { Handler } from '../core/handler.js'
import { badRequest } from '../core/status-errors.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../endpoints/json-value.js'
import { invalid } from '../endpoints/api-errors.js'
import { type GoStruct, authorizationV1, objectMetaStruct, reviewDecodeError } from './access-reviews-shape.js'
import { type Review, accessReviewHandler, readReviewObject } from './access-reviews-handler.js'
import { selfSubjectAccessReviewDefinition } from './authorization-group.js'
import { type FieldError, invalidField } from '../endpoints/field-error.js'

/** The resource path of SelfSubjectAccessReviews. */
export const selfSubjectAccessReviewsPath = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'

const resourceFields = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'] as const
const nonResourceFields = ['path', 'verb'] as const
type ResourceAttributes = Readonly<Record<(typeof resourceFields)[number], string>>
type NonResourceAttributes = Readonly<Record<(typeof nonResourceFields)[number], string>>

const selector = (name: string): GoStruct => ({ name, qualified: `v1.${name}`, fields: { rawSelector: 'string', requirements: 'any' } })
const stringFields = (names: ReadonlyArray<string>): Record<string, 'string'> =>
  Object.fromEntries(names.map((n) => [n, 'string' as const]))

/** `authorization.k8s.io/v1` SelfSubjectAccessReview as Go decodes it (field names for unmarshal errors). */
const reviewStruct: GoStruct = {
  name: 'SelfSubjectAccessReview',
  qualified: 'v1.SelfSubjectAccessReview',
  fields: {
    metadata: objectMetaStruct,
    status: 'any',
    spec: {
      name: 'SelfSubjectAccessReviewSpec',
      qualified: 'v1.SelfSubjectAccessReviewSpec',
      fields: {
        resourceAttributes: {
          name: 'ResourceAttributes',
          qualified: 'v1.ResourceAttributes',
          fields: {
            ...stringFields(resourceFields),
            fieldSelector: selector('FieldSelectorAttributes'),
            labelSelector: selector('LabelSelectorAttributes'),
          },
        },
        nonResourceAttributes: {
          name: 'NonResourceAttributes',
          qualified: 'v1.NonResourceAttributes',
          fields: stringFields(nonResourceFields),
        },
      },
    },
  },
}

const exactlyOne = 'exactly one of nonResourceAttributes or resourceAttributes must be specified'

/**
 * Upstream `selfsubjectaccessreview.REST.Create`: decodes the review (400 on wrong types), validates it
 * (422 `.authorization.k8s.io "" is invalid: spec: Invalid value: null: exactly one of
 * nonResourceAttributes or resourceAttributes must be specified`, and `metadata: ...: must be empty`),
 * needs a user (400 `no user present on request`), asks `authorize` about that user, and returns the
 * review: the spec echoed, `status.allowed` for Allow, `status.denied` for Deny, the reason when there is one.
 * An empty `resourceAttributes.version` is asked as `*`, as upstream's `ResourceAttributesFrom`.
 * Port note: as upstream with `AuthorizeWithSelectors` off, field and label selectors are dropped before
 * validation (the authorizers here decide without them); the authorizers have no evaluation errors.
 * @example
 * selfSubjectAccessReview(alwaysAllow)(user, { spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } } })
 */
export const selfSubjectAccessReview =
  (authorize: Authorizer): Review =>
  (user, object) => {
    const decodeError = reviewDecodeError(object, reviewStruct)
    if (decodeError !== undefined) return E.left(badRequest(decodeError))
    const spec = objectAt(object, 'spec')
    const resource = attributes(spec, 'resourceAttributes', resourceFields)
    const nonResource = attributes(spec, 'nonResourceAttributes', nonResourceFields)
    const errs = validate(resource, nonResource, spec['nonResourceAttributes'], object['metadata'])
    if (errs.length > 0) return E.left(invalid('authorization.k8s.io', '', '', errs))
    if (user === undefined) return E.left(badRequest('no user present on request'))
    const attrs =
      resource !== undefined
        ? resourceAttributesFrom(user, resource)
        : nonResourceAttributesFrom(user, nonResource as NonResourceAttributes)
    return E.right(answer(resource, nonResource, authorize(attrs)))
  }

/**
 * `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews` (`kubectl auth can-i`): 201 with the
 * review `selfSubjectAccessReview` makes, from a JSON, YAML or protobuf body (415 otherwise); 405 for other methods, 404 for other paths.
 * @example
 * const services = [{ root: selfSubjectAccessReviewsPath, handler: selfSubjectAccessReviewHandler(authorizer) }]
 */
export const selfSubjectAccessReviewHandler = (authorize: Authorizer): Handler =>
  accessReviewHandler(selfSubjectAccessReviewsPath, selfSubjectAccessReview(authorize), readReviewObject(selfSubjectAccessReviewDefinition))

const objectAt = (o: JsonObject, key: string): JsonObject => {
  const v = o[key]
  return isJsonObject(v) ? v : {}
}

/** A present (non-null) attributes object, its known fields with `''` for absent ones. */
const attributes = <K extends string>(spec: JsonObject, key: string, fields: ReadonlyArray<K>): Readonly<Record<K, string>> | undefined => {
  const v = spec[key]
  if (!isJsonObject(v)) return undefined
  return Object.fromEntries(fields.map((f) => [f, typeof v[f] === 'string' ? v[f] : ''])) as Record<K, string>
}

/** Upstream `ValidateSelfSubjectAccessReview`: exactly one kind of attributes, and no metadata. */
const validate = (
  resource: unknown,
  nonResource: unknown,
  nonResourceJson: JsonValue | undefined,
  metadata: JsonValue | undefined,
): ReadonlyArray<FieldError> => [
  ...(resource !== undefined && nonResource !== undefined ? [invalidField('spec', nonResourceJson, exactlyOne)] : []),
  ...(resource === undefined && nonResource === undefined ? [invalidField('spec', null, exactlyOne)] : []),
  ...(isEmptyMeta(metadata) ? [] : [invalidField('metadata', metadata, 'must be empty')]),
]

/** Whether metadata equals the zero `ObjectMeta` (`managedFields` aside; empty lists and maps count as absent). */
const isEmptyMeta = (metadata: JsonValue | undefined): boolean =>
  metadata === undefined ||
  metadata === null ||
  (isJsonObject(metadata) && Object.entries(metadata).every(([k, v]) => k === 'managedFields' || isZero(v)))

const isZero = (v: JsonValue): boolean =>
  v === null || v === '' || v === 0 || v === false || (Array.isArray(v) ? v.length === 0 : isJsonObject(v) && Object.keys(v).length === 0)

const resourceAttributesFrom = (user: UserInfo, r: ResourceAttributes): AuthorizationAttributes => ({
  user,
  verb: r.verb,
  isResourceRequest: true,
  path: '',
  namespace: r.namespace,
  apiGroup: r.group,
  apiVersion: r.version === '' ? '*' : r.version,
  resource: r.resource,
  subresource: r.subresource,
  name: r.name,
})

const nonResourceAttributesFrom = (user: UserInfo, n: NonResourceAttributes): AuthorizationAttributes => ({
  user,
  verb: n.verb,
  isResourceRequest: false,
  path: n.path,
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
})

/** The review as upstream's JSON writes it: empty strings left out, `metadata` empty. */
const answer = (
  resource: ResourceAttributes | undefined,
  nonResource: NonResourceAttributes | undefined,
  result: AuthorizationResult,
): JsonObject => ({
  kind: 'SelfSubjectAccessReview',
  apiVersion: authorizationV1,
  metadata: {},
  spec: {
    ...(resource === undefined ? {} : { resourceAttributes: withoutEmpty(resource) }),
    ...(nonResource === undefined ? {} : { nonResourceAttributes: withoutEmpty(nonResource) }),
  },
  status: {
    allowed: result.decision === 'Allow',
    ...(result.decision === 'Deny' ? { denied: true } : {}),
    ...(result.reason === '' ? {} : { reason: result.reason }),
  },
})

const withoutEmpty = (fields: Readonly<Record<string, string>>): JsonObject =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
