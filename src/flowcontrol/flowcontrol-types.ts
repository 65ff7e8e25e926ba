import * as t from 'io-ts'

/** The API group of FlowSchemas and PriorityLevelConfigurations. */
export const flowcontrolGroup = 'flowcontrol.apiserver.k8s.io'

/** Their `apiVersion`: `flowcontrol.apiserver.k8s.io/v1`. */
export const flowcontrolV1 = `${flowcontrolGroup}/v1`

/** A 32-bit signed integer, as Go's `int32` fields take. */
export const Int32 = new t.Type<number, number, unknown>(
  'a 32-bit integer',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= -2147483648 && u <= 2147483647,
  (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= -2147483648 && u <= 2147483647 ? t.success(u) : t.failure(u, c)),
  t.identity,
)

const strings = t.readonlyArray(t.string)
const stringMap = t.record(t.string, t.string)

/** The `metav1.ObjectMeta` fields a configuration object may carry; the server sets uid, times and versions. */
export const ObjectMeta = t.readonly(
  t.intersection([
    t.type({ name: t.string }),
    t.partial({
      labels: stringMap,
      annotations: stringMap,
      uid: t.string,
      resourceVersion: t.string,
      generation: t.number,
      creationTimestamp: t.union([t.string, t.null]),
    }),
  ]),
  'ObjectMeta',
)
export type ObjectMeta = t.TypeOf<typeof ObjectMeta>

const name = t.readonly(t.type({ name: t.string }))
const subjectKind = t.keyof({ User: null, Group: null, ServiceAccount: null }, '"User", "Group" or "ServiceAccount"')

/** Who a rule is about: a user, a group, or service accounts (`*` names every one of a namespace). */
export const Subject = t.readonly(
  t.intersection([
    t.type({ kind: subjectKind }),
    t.partial({ user: name, group: name, serviceAccount: t.readonly(t.type({ namespace: t.string, name: t.string })) }),
  ]),
  'Subject',
)
export type Subject = t.TypeOf<typeof Subject>

/** What a resource request must be to match: verbs, groups, resources (`pods/log`), cluster scope and namespaces. */
export const ResourcePolicyRule = t.readonly(
  t.intersection([
    t.type({ verbs: strings, apiGroups: strings, resources: strings }),
    t.partial({ clusterScope: t.boolean, namespaces: strings }),
  ]),
  'ResourcePolicyRule',
)
export type ResourcePolicyRule = t.TypeOf<typeof ResourcePolicyRule>

/** What a non-resource request must be to match: verbs and URL paths (`/healthz`, `/metrics/*`, `*`). */
export const NonResourcePolicyRule = t.readonly(t.type({ verbs: strings, nonResourceURLs: strings }), 'NonResourcePolicyRule')
export type NonResourcePolicyRule = t.TypeOf<typeof NonResourcePolicyRule>

/** One rule of a FlowSchema: it matches when a subject matches and one of its resource or non-resource rules does. */
export const PolicyRulesWithSubjects = t.readonly(
  t.intersection([
    t.type({ subjects: t.readonlyArray(Subject) }),
    t.partial({ resourceRules: t.readonlyArray(ResourcePolicyRule), nonResourceRules: t.readonlyArray(NonResourcePolicyRule) }),
  ]),
  'PolicyRulesWithSubjects',
)
export type PolicyRulesWithSubjects = t.TypeOf<typeof PolicyRulesWithSubjects>

/** How a FlowSchema splits its requests into flows. */
export const FlowDistinguisherMethod = t.readonly(
  t.type({ type: t.keyof({ ByUser: null, ByNamespace: null }, '"ByUser" or "ByNamespace"') }),
  'FlowDistinguisherMethod',
)
export type FlowDistinguisherMethod = t.TypeOf<typeof FlowDistinguisherMethod>

/** `FlowSchemaSpec`; `matchingPrecedence` defaults to 1000. */
export const FlowSchemaSpec = t.readonly(
  t.intersection([
    t.type({ priorityLevelConfiguration: name }),
    t.partial({
      matchingPrecedence: Int32,
      distinguisherMethod: FlowDistinguisherMethod,
      rules: t.readonlyArray(PolicyRulesWithSubjects),
    }),
  ]),
  'FlowSchemaSpec',
)
export type FlowSchemaSpec = t.TypeOf<typeof FlowSchemaSpec>

/** A status condition (`Dangling` for FlowSchemas). */
export const Condition = t.readonly(
  t.partial({ type: t.string, status: t.string, lastTransitionTime: t.string, reason: t.string, message: t.string }),
  'Condition',
)
export type Condition = t.TypeOf<typeof Condition>

const Status = t.readonly(t.partial({ conditions: t.readonlyArray(Condition) }), 'Status')

/** A `flowcontrol.apiserver.k8s.io/v1` FlowSchema. */
export const FlowSchema = t.readonly(
  t.intersection([
    t.type({ kind: t.literal('FlowSchema'), apiVersion: t.literal(flowcontrolV1), metadata: ObjectMeta, spec: FlowSchemaSpec }),
    t.partial({ status: Status }),
  ]),
  'FlowSchema',
)
export type FlowSchema = t.TypeOf<typeof FlowSchema>

/** Shuffle sharding and queue length of a queuing level; defaults 64 queues, hand size 8, 50 requests a queue. */
export const QueuingConfiguration = t.readonly(
  t.partial({ queues: Int32, handSize: Int32, queueLengthLimit: Int32 }),
  'QueuingConfiguration',
)
export type QueuingConfiguration = t.TypeOf<typeof QueuingConfiguration>

/** What a full level does: `Reject` at once, or `Queue` with a queuing configuration. */
export const LimitResponse = t.readonly(
  t.intersection([
    t.type({ type: t.keyof({ Queue: null, Reject: null }, '"Queue" or "Reject"') }),
    t.partial({ queuing: QueuingConfiguration }),
  ]),
  'LimitResponse',
)
export type LimitResponse = t.TypeOf<typeof LimitResponse>

/** A limited level's share of the server's concurrency (default 30 shares, 0% lendable) and its limit response. */
export const LimitedPriorityLevelConfiguration = t.readonly(
  t.intersection([
    t.type({ limitResponse: LimitResponse }),
    t.partial({ nominalConcurrencyShares: Int32, lendablePercent: Int32, borrowingLimitPercent: Int32 }),
  ]),
  'LimitedPriorityLevelConfiguration',
)
export type LimitedPriorityLevelConfiguration = t.TypeOf<typeof LimitedPriorityLevelConfiguration>

/** The exempt level's shares (default 0) and lendable percent (default 0). */
export const ExemptPriorityLevelConfiguration = t.readonly(
  t.partial({ nominalConcurrencyShares: Int32, lendablePercent: Int32 }),
  'ExemptPriorityLevelConfiguration',
)
export type ExemptPriorityLevelConfiguration = t.TypeOf<typeof ExemptPriorityLevelConfiguration>

/** `PriorityLevelConfigurationSpec`: `Exempt` (never limited) or `Limited`. */
export const PriorityLevelConfigurationSpec = t.readonly(
  t.intersection([
    t.type({ type: t.keyof({ Exempt: null, Limited: null }, '"Exempt" or "Limited"') }),
    t.partial({ limited: LimitedPriorityLevelConfiguration, exempt: ExemptPriorityLevelConfiguration }),
  ]),
  'PriorityLevelConfigurationSpec',
)
export type PriorityLevelConfigurationSpec = t.TypeOf<typeof PriorityLevelConfigurationSpec>

/** A `flowcontrol.apiserver.k8s.io/v1` PriorityLevelConfiguration. */
export const PriorityLevelConfiguration = t.readonly(
  t.intersection([
    t.type({
      kind: t.literal('PriorityLevelConfiguration'),
      apiVersion: t.literal(flowcontrolV1),
      metadata: ObjectMeta,
      spec: PriorityLevelConfigurationSpec,
    }),
    t.partial({ status: Status }),
  ]),
  'PriorityLevelConfiguration',
)
export type PriorityLevelConfiguration = t.TypeOf<typeof PriorityLevelConfiguration>

/** Either kind. */
export type FlowcontrolObject = FlowSchema | PriorityLevelConfiguration
