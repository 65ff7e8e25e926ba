import * as O from 'fp-ts/lib/Option.js'

/** A typed request attribute key: `attr<RequestInfo>('RequestInfo')`. */
export interface Key<A> {
  readonly name: string
  readonly id: symbol
  /** Phantom field carrying the value type; never set at run time. */
  readonly _A?: A
}

/** Makes a typed attribute key; two calls with the same name are different keys. */
export const attr = <A>(name: string): Key<A> => ({ name, id: Symbol(name) })

/**
 * An immutable attribute map: a persistent list, newest first. `put` is O(1) and allocates one node;
 * `get` walks a handful of nodes (a chain stores about ten facts), cheaper than a Map per request.
 */
export interface Attributes {
  readonly id: symbol | undefined
  readonly value: unknown
  readonly next: Attributes | undefined
}

/** The empty attribute map. */
export const noAttributes: Attributes | undefined = undefined

/** Looks a key up in an attribute map. */
export const lookup = <A>(attrs: Attributes | undefined, key: Key<A>): O.Option<A> => {
  for (let node = attrs; node !== undefined; node = node.next) {
    if (node.id === key.id) return O.some(node.value as A)
  }
  return O.none
}

/** Returns a new attribute map with `key` bound to `value`, shadowing any older binding. */
export const bind = <A>(attrs: Attributes | undefined, key: Key<A>, value: A): Attributes => ({
  id: key.id,
  value,
  next: attrs,
})
