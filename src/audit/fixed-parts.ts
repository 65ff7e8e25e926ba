import type { UserInfo } from '../auth/user.js'
import type { RequestInfo } from '../request/request-info.js'
import type { Request } from '../core/request.js'
import { encodeObjectRef, encodeStrings, encodeUser } from './encode-event.js'
import { sourceIPs } from './source-ips.js'
import { type EventUser, type ObjectReference, fixedJsonKey } from './event.js'

/**
 * The event user of `u` (empty uid, groups and extra left out), made once per UserInfo object: frozen,
 * groups and extra copied and frozen too, carrying its JSON under `fixedJsonKey`. UserInfo values are
 * immutable and authenticators hand out the same object for the same credentials (a token table, a
 * client certificate), so a user's JSON is written once, not once per audited request.
 * @example
 * fixedEventUser(user) === fixedEventUser(user) // true
 */
export const fixedEventUser = (u: UserInfo): EventUser => {
  const known = users.get(u)
  if (known !== undefined) return known
  const made = withFixedJson(
    {
      username: u.name === '' ? undefined : u.name,
      uid: u.uid === '' ? undefined : u.uid,
      groups: u.groups.length === 0 ? undefined : Object.freeze([...u.groups]),
      extra: Object.keys(u.extra).length === 0 ? undefined : frozenExtra(u.extra),
    },
    encodeUser,
  )
  users.set(u, made)
  return made
}

/**
 * The objectRef of a resource request, made once per RequestInfo object (RequestInfo values are
 * immutable; the cached resolver hands out one per method and target): frozen, with its JSON.
 * @example
 * fixedObjectRef(info) // { resource: 'pods', namespace: 'default', apiVersion: 'v1', ... }
 */
export const fixedObjectRef = (info: RequestInfo): ObjectReference => {
  const known = objectRefs.get(info)
  if (known !== undefined) return known
  const made = withFixedJson(
    {
      resource: nonEmpty(info.resource),
      namespace: nonEmpty(info.namespace),
      name: nonEmpty(info.name),
      apiGroup: nonEmpty(info.apiGroup),
      apiVersion: nonEmpty(info.apiVersion),
      subresource: nonEmpty(info.subresource),
    },
    encodeObjectRef,
  )
  objectRefs.set(info, made)
  return made
}

/**
 * The sourceIPs of a request that came straight from its peer (no X-Forwarded-For, no X-Real-Ip): made
 * once per connection (its peer address does not change), frozen, with its JSON. Other requests get
 * `sourceIPs(req)` afresh.
 * @example
 * fixedSourceIPs(req) // ['10.0.0.7'], the same array for every request of that connection
 */
export const fixedSourceIPs = (req: Request): ReadonlyArray<string> | undefined => {
  const socket = req.raw?.socket
  if (socket == null || req.headers['x-forwarded-for'] !== undefined || req.headers['x-real-ip'] !== undefined) return sourceIPs(req)
  const known = peers.get(socket)
  if (known !== undefined) return known
  const ips = sourceIPs(req)
  if (ips === undefined) return ips
  const made = withFixedJson([...ips], encodeStrings)
  peers.set(socket, made)
  return made
}

// Memos keyed by values that do not change: weak, so they hold nothing their keys do not.
const users = new WeakMap<UserInfo, EventUser>()
const objectRefs = new WeakMap<RequestInfo, ObjectReference>()
const peers = new WeakMap<object, ReadonlyArray<string>>()

/**
 * `value` frozen, its JSON (written by `encode` before freezing, then copied flat, so each use copies it
 * in one piece) under the non-enumerable `fixedJsonKey`.
 */
const withFixedJson = <A extends object>(value: A, encode: (a: A) => string): A => {
  Object.defineProperty(value, fixedJsonKey, { value: Buffer.from(encode(value)).toString(), enumerable: false })
  return Object.freeze(value)
}

const frozenExtra = (extra: Readonly<Record<string, ReadonlyArray<string>>>): Readonly<Record<string, ReadonlyArray<string>>> =>
  Object.freeze(Object.fromEntries(Object.keys(extra).map((k) => [k, Object.freeze([...(extra[k] as ReadonlyArray<string>)])])))

const nonEmpty = (s: string): string | undefined => (s === '' ? undefined : s)
