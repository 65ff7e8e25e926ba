import { modelListProp, refTo, stringListProp, stringProp } from '../../endpoints/models/model-builders.js'
import type { Schema, SchemaModels } from '../../endpoints/schema.js'

const group = 'io.k8s.api.authorization.v1'

const selectorPreamble = (what: 'field' | 'label'): string =>
  `${what === 'field' ? 'FieldSelectorAttributes indicates a field' : 'LabelSelectorAttributes indicates a label'} limited access. Webhook authors are encouraged to * ensure rawSelector and requirements are not both set * consider the requirements field if set * not try to parse or consider the rawSelector field if set. This is to avoid another CVE-2022-2880 (i.e. getting different systems to agree on how exactly to parse a query is not something we want), see https://www.oxeye.io/resources/golang-parameter-smuggling-attack for more details. For the *SubjectAccessReview endpoints of the kube-apiserver: * If rawSelector is empty and requirements are empty, the request is not limited. * If rawSelector is present and requirements are empty, the rawSelector will be parsed and limited if the parsing succeeds. * If rawSelector is empty and requirements are present, the requirements should be honored * If rawSelector is present and requirements are present, the request is invalid.`

const selectorAttributes = (what: 'field' | 'label', requirement: string): Schema => ({
  description: selectorPreamble(what),
  properties: {
    rawSelector: stringProp(
      "rawSelector is the serialization of a field selector that would be included in a query parameter. Webhook implementations are encouraged to ignore rawSelector. The kube-apiserver's *SubjectAccessReview will parse the rawSelector as long as the requirements are not present.",
    ),
    requirements: modelListProp(
      requirement,
      `requirements is the parsed interpretation of a ${what} selector. All requirements must be met for a resource instance to match the selector. Webhook implementations should handle requirements, but how to handle them is up to the webhook. Since requirements can only limit the request, it is safe to authorize as unlimited request if the requirements are not understood.`,
    ),
  },
  type: 'object',
})

const alphaSelector = (what: string): string =>
  `${what}Selector describes the limitation on access based on ${what === 'field' ? 'field' : 'labels'}.  It can only limit access, not broaden it.\n\nThis field  is alpha-level. To use this field, you must enable the \`AuthorizeWithSelectors\` feature gate (disabled by default).`

/**
 * The attributes and rules of authorization.k8s.io/v1 reviews (`ResourceAttributes` with its field and
 * label selectors, `NonResourceAttributes`, `ResourceRule`, `NonResourceRule`), as upstream publishes them.
 */
export const authorizationV1AttributeModels: SchemaModels = {
  [`${group}.FieldSelectorAttributes`]: selectorAttributes('field', `${group}.FieldSelectorRequirement`),
  [`${group}.FieldSelectorRequirement`]: {
    description: 'FieldSelectorRequirement is a selector that contains values, a key, and an operator that relates the key and values.',
    properties: {
      key: stringProp('key is the field selector key that the requirement applies to.', true),
      operator: stringProp(
        "operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist The list of operators may grow in the future. Webhook authors are encouraged to ignore unrecognized operators and assume they don't limit the request. The semantics of \"all requirements are AND'd\" will not change, so other requirements can continue to be enforced.",
        true,
      ),
      values: stringListProp(
        'values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty.',
        'atomic',
      ),
    },
    required: ['key', 'operator'],
    type: 'object',
  },
  [`${group}.LabelSelectorAttributes`]: selectorAttributes('label', 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement'),
  [`${group}.NonResourceAttributes`]: {
    description:
      'NonResourceAttributes includes the authorization attributes available for non-resource requests to the Authorizer interface',
    properties: { path: stringProp('Path is the URL path of the request'), verb: stringProp('Verb is the standard HTTP verb') },
    type: 'object',
  },
  [`${group}.NonResourceRule`]: {
    description: 'NonResourceRule holds information that describes a rule for the non-resource',
    properties: {
      nonResourceURLs: stringListProp(
        'NonResourceURLs is a set of partial urls that a user should have access to.  *s are allowed, but only as the full, final step in the path.  "*" means all.',
        'atomic',
      ),
      verbs: stringListProp(
        'Verb is a list of kubernetes non-resource API verbs, like: get, post, put, delete, patch, head, options.  "*" means all.',
        'atomic',
      ),
    },
    required: ['verbs'],
    type: 'object',
  },
  [`${group}.ResourceAttributes`]: {
    description: 'ResourceAttributes includes the authorization attributes available for resource requests to the Authorizer interface',
    properties: {
      fieldSelector: refTo(`${group}.FieldSelectorAttributes`, alphaSelector('field')),
      group: stringProp('Group is the API Group of the Resource.  "*" means all.'),
      labelSelector: refTo(`${group}.LabelSelectorAttributes`, alphaSelector('label')),
      name: stringProp('Name is the name of the resource being requested for a "get" or deleted for a "delete". "" (empty) means all.'),
      namespace: stringProp(
        'Namespace is the namespace of the action being requested.  Currently, there is no distinction between no namespace and all namespaces "" (empty) is defaulted for LocalSubjectAccessReviews "" (empty) is empty for cluster-scoped resources "" (empty) means "all" for namespace scoped resources from a SubjectAccessReview or SelfSubjectAccessReview',
      ),
      resource: stringProp('Resource is one of the existing resource types.  "*" means all.'),
      subresource: stringProp('Subresource is one of the existing resource types.  "" means none.'),
      verb: stringProp('Verb is a kubernetes resource API verb, like: get, list, watch, create, update, delete, proxy.  "*" means all.'),
      version: stringProp('Version is the API Version of the Resource.  "*" means all.'),
    },
    type: 'object',
  },
  [`${group}.ResourceRule`]: {
    description:
      "ResourceRule is the list of actions the subject is allowed to perform on resources. The list ordering isn't significant, may contain duplicates, and possibly be incomplete.",
    properties: {
      apiGroups: stringListProp(
        'APIGroups is the name of the APIGroup that contains the resources.  If multiple API groups are specified, any action requested against one of the enumerated resources in any API group will be allowed.  "*" means all.',
        'atomic',
      ),
      resourceNames: stringListProp(
        'ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed.  "*" means all.',
        'atomic',
      ),
      resources: stringListProp(
        'Resources is a list of resources this rule applies to.  "*" means all in the specified apiGroups.\n "*/foo" represents the subresource \'foo\' for all resources in the specified apiGroups.',
        'atomic',
      ),
      verbs: stringListProp(
        'Verb is a list of kubernetes resource API verbs, like: get, list, watch, create, update, delete, proxy.  "*" means all.',
        'atomic',
      ),
    },
    required: ['verbs'],
    type: 'object',
  },
}
