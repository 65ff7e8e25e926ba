import { type EventUser, type MaybeFixedJson, type ObjectReference, type SharedFields, fixedJsonKey } from './event.js'

/** The middle of a request's events (`"requestURI":...` to the objectRef) and where its user ends. */
export interface Middle {
  readonly json: string
  readonly cut: number
}

/** The request fields a middle is made of. */
type MiddleFields = Pick<SharedFields, 'requestURI' | 'verb' | 'user' | 'sourceIPs' | 'userAgent' | 'objectRef'>

/** Remembers the middle of the last request per target, and gives it back for a request with the very same fields. */
export interface MiddleMemo {
  readonly get: (f: MiddleFields) => Middle | undefined
  readonly set: (f: MiddleFields, m: Middle) => void
}

/**
 * A `MiddleMemo` keyed by the request's objectRef, which the event builder makes once per RequestInfo (the
 * cached resolver hands out one per method and target). A request for the same target, by the same user,
 * from the same connection, with the same user agent (a client polling a resource) gets the middle the
 * last one had, so its URI and user agent are not scanned and quoted again. Only requests whose user,
 * objectRef and sourceIPs are the builder's frozen values are remembered (user and objectRef are compared
 * by identity, sourceIPs by their JSON, URI, verb and user agent by value). Weak: it holds no more than the objectRefs it is keyed by.
 * @example
 * const memo = middleMemo()
 */
export const middleMemo = (): MiddleMemo => {
  const byTarget = new WeakMap<object, MiddleFields & { readonly middle: Middle }>()
  return {
    get: (f) => {
      if (f.objectRef === undefined) return undefined
      const m = byTarget.get(f.objectRef)
      return m !== undefined &&
        m.requestURI === f.requestURI &&
        m.user === f.user &&
        sameSourceIPs(m.sourceIPs, f.sourceIPs) &&
        m.userAgent === f.userAgent &&
        m.verb === f.verb
        ? m.middle
        : undefined
    },
    set: (f, middle) => {
      if (f.objectRef !== undefined && fixed(f.objectRef) && fixed(f.user) && (f.sourceIPs === undefined || fixed(f.sourceIPs)))
        byTarget.set(f.objectRef, {
          requestURI: f.requestURI,
          verb: f.verb,
          user: f.user,
          sourceIPs: f.sourceIPs,
          userAgent: f.userAgent,
          objectRef: f.objectRef,
          middle,
        })
    },
  }
}

const fixed = (v: (EventUser | ObjectReference | ReadonlyArray<string>) & MaybeFixedJson): boolean => v[fixedJsonKey] !== undefined

/** Frozen sourceIPs are made per connection: those of two connections from one peer are alike by their JSON. */
const sameSourceIPs = (
  a: (ReadonlyArray<string> & MaybeFixedJson) | undefined,
  b: (ReadonlyArray<string> & MaybeFixedJson) | undefined,
): boolean => a === b || (a !== undefined && b !== undefined && a[fixedJsonKey] !== undefined && a[fixedJsonKey] === b[fixedJsonKey])
