import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { recordingLogger } from '../../src/core/index.js'
import { type PostStartHookEntry, runPostStartHooks, runPreShutdownHooks } from '../../src/lifecycle/hooks.js'
import { newLatch } from '../../src/sync/latch.js'

const entry = (name: string, hook: PostStartHookEntry['hook']): PostStartHookEntry => ({ name, hook, done: newLatch(name), origin: '' })

const post = suite('runPostStartHooks')

post('starts every hook before any finished, with the stop signal, and fires done on success', async () => {
  const started: string[] = []
  let release: () => void = () => undefined
  const gate = new Promise<void>((r) => (release = r))
  const stop = new AbortController()
  const hook =
    (name: string): PostStartHookEntry['hook'] =>
    (ctx) =>
    async () => {
      started.push(`${name}:${ctx.signal === stop.signal}`)
      await gate
      return E.right(undefined)
    }
  const hooks = [entry('a', hook('a')), entry('b', hook('b'))]
  const all = runPostStartHooks(hooks, { signal: stop.signal }, recordingLogger().log)
  await Promise.resolve()
  assert.equal(started, ['a:true', 'b:true'])
  assert.is(hooks[0]?.done.isFired(), false)
  release()
  await all
  assert.ok(hooks.every((h) => h.done.isFired()))
})

post('a failing or throwing hook is logged with upstream text and its done never fires', async () => {
  const rec = recordingLogger()
  const hooks = [entry('bad', () => TE.left('no etcd')), entry('boom', () => () => Promise.reject(new Error('kaput')))]
  await runPostStartHooks(hooks, { signal: new AbortController().signal }, rec.log)
  assert.equal(
    rec.entries.map((e) => [e.level, e.msg]),
    [
      ['error', 'PostStartHook "bad" failed: no etcd'],
      ['error', 'PostStartHook "boom" failed: kaput'],
    ],
  )
  assert.ok(hooks.every((h) => !h.done.isFired()))
})

post.run()

const pre = suite('runPreShutdownHooks')

pre('runs hooks one after another in registration order', async () => {
  const trace: string[] = []
  const hook = (n: string) => async () => {
    trace.push(`start ${n}`)
    await Promise.resolve()
    trace.push(`end ${n}`)
    return E.right(undefined)
  }
  assert.equal(
    await runPreShutdownHooks([
      { name: 'a', hook: hook('a') },
      { name: 'b', hook: hook('b') },
    ]),
    E.right(undefined),
  )
  assert.equal(trace, ['start a', 'end a', 'start b', 'end b'])
})

pre('runs every hook and aggregates failures as upstream', async () => {
  let ran = 0
  const fine = () => {
    ran += 1
    return Promise.resolve(E.right(undefined))
  }
  assert.equal(
    await runPreShutdownHooks([
      { name: 'x', hook: TE.left('gone') },
      { name: 'y', hook: fine },
    ]),
    E.left('PreShutdownHook "x" failed: gone'),
  )
  assert.is(ran, 1)
  const two = await runPreShutdownHooks([
    { name: 'x', hook: TE.left('gone') },
    { name: 'z', hook: () => Promise.reject(new Error('boom')) },
  ])
  assert.equal(two, E.left('[PreShutdownHook "x" failed: gone, PreShutdownHook "z" failed: boom]'))
})

pre.run()
