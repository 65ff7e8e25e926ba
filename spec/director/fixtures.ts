// Spec fixtures for the director specs: handlers that say who answered, and a way to ask them.
import * as E from 'fp-ts/lib/Either.js'
import { type Handler, constant, text } from '../../src/core/index.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

/** A handler that answers 200 with its own name, so a spec can see which route was taken. */
export const tag = (name: string): Handler => constant(text(200, name))

/** Runs `handler` on GET `path` and returns the body. */
export const answer = async (handler: Handler, path: string): Promise<string> => bodyText(await run(handler, makeRequest(path)))

/** Runs `handler` on GET `path` and returns status and body. */
export const reply = async (handler: Handler, path: string): Promise<{ status: number; body: string }> => {
  const res = await run(handler, makeRequest(path))
  return { status: statusOf(res), body: await bodyText(res) }
}

/** The Right of an Either; fails the spec on a Left. */
export const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left ${JSON.stringify(e.left)}`)
  return e.right
}
