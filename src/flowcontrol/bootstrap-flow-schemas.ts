import { wellKnown } from '../auth/user.js'
import { autoUpdateAnnotation } from './bootstrap-priority-levels.js'
import type { FlowSchema, NonResourcePolicyRule, PolicyRulesWithSubjects, ResourcePolicyRule, Subject } from './flowcontrol-types.js'
import { flowcontrolV1 } from './flowcontrol-types.js'

const schema = (
  name: string,
  level: string,
  matchingPrecedence: number,
  distinguisher: 'ByUser' | 'ByNamespace' | undefined,
  rule: PolicyRulesWithSubjects,
): FlowSchema => ({
  kind: 'FlowSchema',
  apiVersion: flowcontrolV1,
  metadata: { name, annotations: { [autoUpdateAnnotation]: 'true' } },
  spec: {
    priorityLevelConfiguration: { name: level },
    matchingPrecedence,
    ...(distinguisher === undefined ? {} : { distinguisherMethod: { type: distinguisher } }),
    rules: [rule],
  },
})

const groups = (...names: ReadonlyArray<string>): ReadonlyArray<Subject> => names.map((name) => ({ kind: 'Group', group: { name } }))
const users = (...names: ReadonlyArray<string>): ReadonlyArray<Subject> => names.map((name) => ({ kind: 'User', user: { name } }))
const kubeSystemServiceAccounts: ReadonlyArray<Subject> = [
  { kind: 'ServiceAccount', serviceAccount: { namespace: 'kube-system', name: '*' } },
]

const resourceRule = (
  verbs: ReadonlyArray<string>,
  apiGroups: ReadonlyArray<string>,
  resources: ReadonlyArray<string>,
  clusterScope: boolean,
): ResourcePolicyRule => ({ verbs, apiGroups, resources, clusterScope, namespaces: ['*'] })

const everyResource = resourceRule(['*'], ['*'], ['*'], true)
const everyNonResource: NonResourcePolicyRule = { verbs: ['*'], nonResourceURLs: ['*'] }

/** Every request of `subjects`, resource or not. */
const everything = (subjects: ReadonlyArray<Subject>): PolicyRulesWithSubjects => ({
  subjects,
  resourceRules: [everyResource],
  nonResourceRules: [everyNonResource],
})

const anyone = groups(wellKnown.allUnauthenticated, wellKnown.allAuthenticated)

/** Schema `exempt` (precedence 1): everything `system:masters` asks, at level `exempt`. */
export const exemptFlowSchema = schema('exempt', 'exempt', 1, undefined, everything(groups(wellKnown.systemPrivilegedGroup)))

/** Schema `catch-all` (precedence 10000): everything anyone asks, by user, at level `catch-all`. */
export const catchAllFlowSchema = schema('catch-all', 'catch-all', 10000, 'ByUser', everything(anyone))

/** Upstream's mandatory schemas (`bootstrap.MandatoryFlowSchemas`): the server always has them as given. */
export const mandatoryFlowSchemas: ReadonlyArray<FlowSchema> = [exemptFlowSchema, catchAllFlowSchema]

/** Upstream's suggested schemas (`bootstrap.SuggestedFlowSchemas`), in upstream's order. */
export const suggestedFlowSchemas: ReadonlyArray<FlowSchema> = [
  schema('system-nodes', 'system', 500, 'ByUser', everything(groups(wellKnown.nodesGroup))),
  schema('system-node-high', 'node-high', 400, 'ByUser', {
    subjects: groups(wellKnown.nodesGroup),
    resourceRules: [
      resourceRule(['*'], [''], ['nodes', 'nodes/status'], true),
      resourceRule(['*'], ['coordination.k8s.io'], ['leases'], false),
    ],
  }),
  schema('probes', 'exempt', 2, undefined, {
    subjects: anyone,
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }],
  }),
  schema('system-leader-election', 'leader-election', 100, 'ByUser', {
    subjects: [...users('system:kube-controller-manager', 'system:kube-scheduler'), ...kubeSystemServiceAccounts],
    resourceRules: [resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], false)],
  }),
  schema('kube-controller-manager', 'workload-high', 800, 'ByNamespace', everything(users('system:kube-controller-manager'))),
  schema('kube-scheduler', 'workload-high', 800, 'ByNamespace', everything(users('system:kube-scheduler'))),
  schema('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', everything(kubeSystemServiceAccounts)),
  schema('service-accounts', 'workload-low', 9000, 'ByUser', everything(groups('system:serviceaccounts'))),
  schema('global-default', 'global-default', 9900, 'ByUser', everything(anyone)),
]
