import { type FieldSet, union } from './field-set.js'
import type { ManagerEntry } from './managed-fields.js'

/** Upstream's cap on `Update` entries in `metadata.managedFields` (`DefaultMaxUpdateManagers`). */
export const maxUpdateManagers = 10

/** The manager that the oldest `Update` entries are merged into, one per apiVersion. */
export const ancientChangesManager = 'ancient-changes'

/**
 * Keeps at most `max` `Update` entries, as upstream's `capManagersManager`: past the cap, the oldest
 * updaters (by time in seconds, then by identifier) are merged, per apiVersion, into one
 * `ancient-changes` entry that takes the merged entry's time; the first of each apiVersion becomes that
 * bucket when the second is merged. Apply entries are never merged.
 */
export const capUpdateManagers = (entries: ReadonlyArray<ManagerEntry>, max: number = maxUpdateManagers): ReadonlyArray<ManagerEntry> => {
  const fields = new Map(entries.map((e) => [identifier(e), e] as const))
  const updaters = [...fields.entries()].filter(([, e]) => e.operation === 'Update')
  if (updaters.length <= max) return entries
  updaters.sort(([p, a], [q, b]) => seconds(a.time) - seconds(b.time) || (p < q ? -1 : p > q ? 1 : 0))
  const firstOfVersion = new Map<string, string>()
  let length = updaters.length
  for (let i = 0; i < updaters.length && length > max; i++) {
    const [id, entry] = updaters[i] as readonly [string, ManagerEntry]
    const bucket = identifier({ manager: ancientChangesManager, operation: 'Update', apiVersion: entry.apiVersion })
    const first = firstOfVersion.get(entry.apiVersion)
    if (first === undefined) {
      firstOfVersion.set(entry.apiVersion, id)
      continue
    }
    if (!fields.has(bucket)) moveTo(fields, first, bucket)
    const merged: FieldSet = union(entry.fields, fields.get(bucket)?.fields ?? new Map())
    fields.set(bucket, {
      manager: ancientChangesManager,
      operation: 'Update',
      apiVersion: entry.apiVersion,
      fields: merged,
      ...(entry.time === undefined ? {} : { time: entry.time }),
    })
    fields.delete(id)
    length--
  }
  return [...fields.values()]
}

/** The first updater of a version becomes the bucket (its fields, under the bucket's identifier). */
const moveTo = (fields: Map<string, ManagerEntry>, from: string, to: string): void => {
  const entry = fields.get(from)
  fields.delete(from)
  if (entry !== undefined) fields.set(to, entry)
}

/** Upstream's manager identifier: the entry's manager, operation, apiVersion and subresource as JSON. */
const identifier = (e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string =>
  JSON.stringify({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    ...(e.subresource ? { subresource: e.subresource } : {}),
  })

const seconds = (t: string | undefined): number => (t === undefined ? 0 : Math.floor(Date.parse(t) / 1000) || 0)
