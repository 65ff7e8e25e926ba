import * as t from 'io-ts'

/** Audit levels, least to most detailed (`audit.k8s.io/v1` `Level`). */
export const Level = t.keyof({ None: null, Metadata: null, Request: null, RequestResponse: null })
export type Level = t.TypeOf<typeof Level>

/** Audit stages (`audit.k8s.io/v1` `Stage`). */
export const Stage = t.keyof({ RequestReceived: null, ResponseStarted: null, ResponseComplete: null, Panic: null })
export type Stage = t.TypeOf<typeof Stage>

const strings = t.readonlyArray(t.string)

/** A group and the resources in it a rule applies to (`audit.k8s.io/v1` `GroupResources`). */
export const GroupResources = t.readonly(t.partial({ group: t.string, resources: strings, resourceNames: strings }))
export type GroupResources = t.TypeOf<typeof GroupResources>

/** One policy rule (`audit.k8s.io/v1` `PolicyRule`); an empty field places no restriction. */
export const PolicyRule = t.readonly(
  t.intersection([
    t.type({ level: Level }),
    t.partial({
      users: strings,
      userGroups: strings,
      verbs: strings,
      resources: t.readonlyArray(GroupResources),
      namespaces: strings,
      nonResourceURLs: strings,
      omitStages: t.readonlyArray(Stage),
      omitManagedFields: t.boolean,
    }),
  ]),
)
export type PolicyRule = t.TypeOf<typeof PolicyRule>

/** An audit policy (`audit.k8s.io/v1` `Policy`): rules in order, the first match wins. */
export const Policy = t.readonly(
  t.intersection([
    t.type({ apiVersion: t.literal('audit.k8s.io/v1'), kind: t.literal('Policy'), rules: t.readonlyArray(PolicyRule) }),
    t.partial({ metadata: t.UnknownRecord, omitStages: t.readonlyArray(Stage), omitManagedFields: t.boolean }),
  ]),
)
export type Policy = t.TypeOf<typeof Policy>

/** The order of levels: `levelRank.Metadata < levelRank.Request`. */
export const levelRank: Readonly<Record<Level, number>> = { None: 0, Metadata: 1, Request: 2, RequestResponse: 3 }
