import * as E from 'fp-ts/lib/Either.js'
import type { NonResourceRule, ResourceRule, RulesResolver, SubjectRules } from '../auth/rules-resolver.js'
import type { Handler } from '../core/handler.js'
import { badRequest } from '../core/status-errors.js'
import { type JsonObject, isJsonObject } from '../endpoints/json-value.js'
import { type GoStruct, authorizationV1, objectMetaStruct, reviewDecodeError } from './access-reviews-shape.js'
import { type Review, accessReviewHandler, readReviewObject } from './access-reviews-handler.js'
import { selfSubjectRulesReviewDefinition } from './authorization-group.js'

/** The resource path of SelfSubjectRulesReviews. */
export const selfSubjectRulesReviewsPath = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'

/** `authorization.k8s.io/v1` SelfSubjectRulesReview as Go decodes it (field names for unmarshal errors). */
const reviewStruct: GoStruct = {
  name: 'SelfSubjectRulesReview',
  qualified: 'v1.SelfSubjectRulesReview',
  fields: {
    metadata: objectMetaStruct,
    status: 'any',
    spec: { name: 'SelfSubjectRulesReviewSpec', qualified: 'v1.SelfSubjectRulesReviewSpec', fields: { namespace: 'string' } },
  },
}

/**
 * Upstream `selfsubjectrulesreview.REST.Create`: decodes the review (400 on wrong types), needs a user
 * (400 `no user present on request`) and `spec.namespace` (400 `no namespace on request`), and returns a
 * new review (its spec empty, as upstream's) whose status lists the user's rules in that namespace:
 * `resourceRules` and `nonResourceRules` (always present), `incomplete`, and `evaluationError` when
 * some rules could not be read. Nothing else is validated, as upstream.
 * @example
 * selfSubjectRulesReview(alwaysAllowRules)(user, { spec: { namespace: 'default' } })
 */
export const selfSubjectRulesReview =
  (rules: RulesResolver): Review =>
  (user, object) => {
    const decodeError = reviewDecodeError(object, reviewStruct)
    if (decodeError !== undefined) return E.left(badRequest(decodeError))
    if (user === undefined) return E.left(badRequest('no user present on request'))
    const spec = object['spec']
    const namespace = isJsonObject(spec) && typeof spec['namespace'] === 'string' ? spec['namespace'] : ''
    if (namespace === '') return E.left(badRequest('no namespace on request'))
    return E.right(answer(rules(user, namespace)))
  }

/**
 * `POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews` (`kubectl auth can-i --list`): 201 with
 * the review `selfSubjectRulesReview` makes, from a JSON, YAML or protobuf body (415 otherwise); 405 for other methods, 404 for other paths.
 * @example
 * const services = [{ root: selfSubjectRulesReviewsPath, handler: selfSubjectRulesReviewHandler(rbacRulesResolver(objects)) }]
 */
export const selfSubjectRulesReviewHandler = (rules: RulesResolver): Handler =>
  accessReviewHandler(selfSubjectRulesReviewsPath, selfSubjectRulesReview(rules), readReviewObject(selfSubjectRulesReviewDefinition))

const answer = (found: SubjectRules): JsonObject => ({
  kind: 'SelfSubjectRulesReview',
  apiVersion: authorizationV1,
  metadata: {},
  spec: {},
  status: {
    resourceRules: found.resourceRules.map(resourceRuleJson),
    nonResourceRules: found.nonResourceRules.map(nonResourceRuleJson),
    incomplete: found.incomplete,
    ...(found.evaluationError === '' ? {} : { evaluationError: found.evaluationError }),
  },
})

/** Fields in upstream's order, empty lists left out (`omitempty`) except `verbs`. */
const resourceRuleJson = (r: ResourceRule): JsonObject => ({
  verbs: r.verbs,
  ...listIfAny('apiGroups', r.apiGroups),
  ...listIfAny('resources', r.resources),
  ...listIfAny('resourceNames', r.resourceNames),
})

const nonResourceRuleJson = (r: NonResourceRule): JsonObject => ({ verbs: r.verbs, ...listIfAny('nonResourceURLs', r.nonResourceURLs) })

const listIfAny = (key: string, xs: ReadonlyArray<string> | undefined): JsonObject =>
  xs === undefined || xs.length === 0 ? {} : { [key]: xs }
