// Spec support for the example API: requests with bodies, a store on a fake clock, JSON bodies read back.
import { Readable } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import { WebSocketServer } from 'ws'
import {
  type CancelSource,
  type Handler,
  type Headers,
  type RawRequest,
  type Request,
  type Response,
  fakeClock,
  newCancelSource,
  newRequest,
  parseTarget,
} from '../../src/core/index.js'
import { configMapsHandler } from '../../src/example-api/configmaps-handler.js'
import { type ConfigMapStore, newConfigMapStore } from '../../src/example-api/configmap-store.js'
import { bodyText } from '../support/request.js'

/** A request whose body is `body` (bytes, a string, or JSON of any other value), read from a node stream. */
export const bodyRequest = (
  method: string,
  url: string,
  body: unknown,
  opts: { headers?: Headers; cancel?: CancelSource } = {},
): Request => {
  const target = parseTarget(url)
  if (E.isLeft(target)) throw new Error(target.left)
  const bytes = body instanceof Uint8Array ? Buffer.from(body) : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
  return newRequest({
    method,
    target: target.right,
    headers: opts.headers ?? {},
    raw: Readable.from([bytes]) as unknown as RawRequest,
    cancel: (opts.cancel ?? newCancelSource()).token,
  })
}

/** Ids `uid-1`, `uid-2`, ... */
export const counterIds = (): (() => string) => {
  let n = 0
  return () => `uid-${++n}`
}

/** A store on a fake clock at 2024-01-02T03:04:05Z with counting ids. */
export const testStore = (historySize = 1000): ConfigMapStore =>
  newConfigMapStore({ clock: fakeClock(Date.UTC(2024, 0, 2, 3, 4, 5)), newId: counterIds() }, { historySize })

/** A ConfigMaps handler over `store`; `random` always 0 (generated suffixes are `bbbbb`). */
export const testHandler = (store: ConfigMapStore = testStore()): Handler =>
  configMapsHandler(store, { random: () => 0, clock: fakeClock(0), models: {} }, new WebSocketServer({ noServer: true }))

/** The JSON body of a response. */
export const bodyJson = async (res: Response): Promise<Record<string, any>> => JSON.parse(await bodyText(res)) as Record<string, any>

/** A minimal valid ConfigMap body. */
export const cm = (name: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name, ...meta },
  ...extra,
})
