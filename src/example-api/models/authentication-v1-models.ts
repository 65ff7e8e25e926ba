import { apiVersionDescription, gvkOf, kindDescription, refTo, stringListProp, stringProp } from '../../endpoints/models/model-builders.js'
import type { SchemaModels } from '../../endpoints/schema.js'

const group = 'io.k8s.api.authentication.v1'

/** `SelfSubjectReview`, its status and `UserInfo` (authentication.k8s.io/v1), as upstream's published OpenAPI v3 document describes them. */
export const authenticationV1Models: SchemaModels = {
  [`${group}.SelfSubjectReview`]: {
    description:
      'SelfSubjectReview contains the user information that the kube-apiserver has about the user making this request. When using impersonation, users will receive the user info of the user being impersonated.  If impersonation or request header authentication is used, any extra keys will have their case ignored and returned as lowercase.',
    properties: {
      apiVersion: stringProp(apiVersionDescription),
      kind: stringProp(kindDescription),
      metadata: refTo(
        'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        { default: {} },
      ),
      status: refTo(`${group}.SelfSubjectReviewStatus`, 'Status is filled in by the server with the user attributes.', { default: {} }),
    },
    type: 'object',
    'x-kubernetes-group-version-kind': gvkOf('authentication.k8s.io', 'v1', 'SelfSubjectReview'),
  },
  [`${group}.SelfSubjectReviewStatus`]: {
    description: 'SelfSubjectReviewStatus is filled by the kube-apiserver and sent back to a user.',
    properties: { userInfo: refTo(`${group}.UserInfo`, 'User attributes of the user making this request.', { default: {} }) },
    type: 'object',
  },
  [`${group}.UserInfo`]: {
    description: 'UserInfo holds the information about the user needed to implement the user.Info interface.',
    properties: {
      extra: {
        additionalProperties: { items: { default: '', type: 'string' }, type: 'array' },
        description: 'Any additional information provided by the authenticator.',
        type: 'object',
      },
      groups: stringListProp('The names of groups this user is a part of.', 'atomic'),
      uid: stringProp(
        'A unique value that identifies this user across time. If this user is deleted and another user by the same name is added, they will have different UIDs.',
      ),
      username: stringProp('The name that uniquely identifies this user among all active users.'),
    },
    type: 'object',
  },
}
