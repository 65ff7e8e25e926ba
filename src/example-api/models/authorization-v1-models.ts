import {
  apiVersionDescription,
  booleanProp,
  gvkOf,
  kindDescription,
  modelListProp,
  refTo,
  stringProp,
} from '../../endpoints/models/model-builders.js'
import type { Schema, SchemaModels } from '../../endpoints/schema.js'
import { authorizationV1AttributeModels } from './authorization-v1-attribute-models.js'

const group = 'io.k8s.api.authorization.v1'

const review = (kind: string, description: string, spec: readonly [string, string], status: readonly [string, string]): Schema => ({
  description,
  properties: {
    apiVersion: stringProp(apiVersionDescription),
    kind: stringProp(kindDescription),
    metadata: refTo(
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
      { default: {} },
    ),
    spec: refTo(`${group}.${spec[0]}`, spec[1], { default: {} }),
    status: refTo(`${group}.${status[0]}`, status[1], { default: {} }),
  },
  required: ['spec'],
  type: 'object',
  'x-kubernetes-group-version-kind': gvkOf('authorization.k8s.io', 'v1', kind),
})

/**
 * The authorization.k8s.io/v1 self reviews (`SelfSubjectAccessReview`, `SelfSubjectRulesReview`), their
 * specs, statuses and attributes, as upstream's published OpenAPI v3 document describes them.
 */
export const authorizationV1Models: SchemaModels = {
  ...authorizationV1AttributeModels,
  [`${group}.SelfSubjectAccessReview`]: review(
    'SelfSubjectAccessReview',
    'SelfSubjectAccessReview checks whether or the current user can perform an action.  Not filling in a spec.namespace means "in all namespaces".  Self is a special case, because users should always be able to check whether they can perform an action',
    ['SelfSubjectAccessReviewSpec', 'Spec holds information about the request being evaluated.  user and groups must be empty'],
    ['SubjectAccessReviewStatus', 'Status is filled in by the server and indicates whether the request is allowed or not'],
  ),
  [`${group}.SelfSubjectAccessReviewSpec`]: {
    description:
      'SelfSubjectAccessReviewSpec is a description of the access request.  Exactly one of ResourceAuthorizationAttributes and NonResourceAuthorizationAttributes must be set',
    properties: {
      nonResourceAttributes: refTo(
        `${group}.NonResourceAttributes`,
        'NonResourceAttributes describes information for a non-resource access request',
      ),
      resourceAttributes: refTo(
        `${group}.ResourceAttributes`,
        'ResourceAuthorizationAttributes describes information for a resource access request',
      ),
    },
    type: 'object',
  },
  [`${group}.SelfSubjectRulesReview`]: review(
    'SelfSubjectRulesReview',
    "SelfSubjectRulesReview enumerates the set of actions the current user can perform within a namespace. The returned list of actions may be incomplete depending on the server's authorization mode, and any errors experienced during the evaluation. SelfSubjectRulesReview should be used by UIs to show/hide actions, or to quickly let an end user reason about their permissions. It should NOT Be used by external systems to drive authorization decisions as this raises confused deputy, cache lifetime/revocation, and correctness concerns. SubjectAccessReview, and LocalAccessReview are the correct way to defer authorization decisions to the API server.",
    ['SelfSubjectRulesReviewSpec', 'Spec holds information about the request being evaluated.'],
    ['SubjectRulesReviewStatus', 'Status is filled in by the server and indicates the set of actions a user can perform.'],
  ),
  [`${group}.SelfSubjectRulesReviewSpec`]: {
    description: 'SelfSubjectRulesReviewSpec defines the specification for SelfSubjectRulesReview.',
    properties: { namespace: stringProp('Namespace to evaluate rules for. Required.') },
    type: 'object',
  },
  [`${group}.SubjectAccessReviewStatus`]: {
    description: 'SubjectAccessReviewStatus',
    properties: {
      allowed: booleanProp('Allowed is required. True if the action would be allowed, false otherwise.', true),
      denied: booleanProp(
        'Denied is optional. True if the action would be denied, otherwise false. If both allowed is false and denied is false, then the authorizer has no opinion on whether to authorize the action. Denied may not be true if Allowed is true.',
      ),
      evaluationError: stringProp(
        'EvaluationError is an indication that some error occurred during the authorization check. It is entirely possible to get an error and be able to continue determine authorization status in spite of it. For instance, RBAC can be missing a role, but enough roles are still present and bound to reason about the request.',
      ),
      reason: stringProp('Reason is optional.  It indicates why a request was allowed or denied.'),
    },
    required: ['allowed'],
    type: 'object',
  },
  [`${group}.SubjectRulesReviewStatus`]: {
    description:
      "SubjectRulesReviewStatus contains the result of a rules check. This check can be incomplete depending on the set of authorizers the server is configured with and any errors experienced during evaluation. Because authorization rules are additive, if a rule appears in a list it's safe to assume the subject has that permission, even if that list is incomplete.",
    properties: {
      evaluationError: stringProp(
        "EvaluationError can appear in combination with Rules. It indicates an error occurred during rule evaluation, such as an authorizer that doesn't support rule evaluation, and that ResourceRules and/or NonResourceRules may be incomplete.",
      ),
      incomplete: booleanProp(
        "Incomplete is true when the rules returned by this call are incomplete. This is most commonly encountered when an authorizer, such as an external authorizer, doesn't support rules evaluation.",
        true,
      ),
      nonResourceRules: modelListProp(
        `${group}.NonResourceRule`,
        "NonResourceRules is the list of actions the subject is allowed to perform on non-resources. The list ordering isn't significant, may contain duplicates, and possibly be incomplete.",
      ),
      resourceRules: modelListProp(
        `${group}.ResourceRule`,
        "ResourceRules is the list of actions the subject is allowed to perform on resources. The list ordering isn't significant, may contain duplicates, and possibly be incomplete.",
      ),
    },
    required: ['resourceRules', 'nonResourceRules', 'incomplete'],
    type: 'object',
  },
}
