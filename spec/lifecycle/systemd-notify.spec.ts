import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type NotifyEnv, execChild, systemdNotifyReady } from '../../src/lifecycle/systemd-notify.js'

const io = (env: Record<string, string | undefined>, answer: E.Either<string, number> | Error) => {
  const calls: Array<{ command: string; args: ReadonlyArray<string>; socket: string | undefined }> = []
  const notify: NotifyEnv = {
    env,
    exec: async (command, args, childEnv) => {
      calls.push({ command, args, socket: childEnv['NOTIFY_SOCKET'] })
      if (answer instanceof Error) throw answer
      return answer
    },
  }
  return { notify, calls }
}

const notify = suite('systemdNotifyReady')

notify('does nothing without NOTIFY_SOCKET', async () => {
  const { notify: n, calls } = io({}, E.right(0))
  assert.equal(await systemdNotifyReady(n, 42), E.right(undefined))
  assert.is(calls.length, 0)
})

notify('runs systemd-notify --ready with the socket, then unsets it', async () => {
  const env: Record<string, string | undefined> = { NOTIFY_SOCKET: '/run/systemd/notify' }
  const { notify: n, calls } = io(env, E.right(0))
  assert.equal(await systemdNotifyReady(n, 42), E.right(undefined))
  assert.equal(calls, [{ command: 'systemd-notify', args: ['--ready', '--pid=42'], socket: '/run/systemd/notify' }])
  assert.is('NOTIFY_SOCKET' in env, false)
})

notify('a missing tool, a failing exit or a throwing exec is a Left, never a throw', async () => {
  assert.equal(
    await systemdNotifyReady(io({ NOTIFY_SOCKET: 's' }, E.left('spawn systemd-notify ENOENT')).notify, 1),
    E.left('spawn systemd-notify ENOENT'),
  )
  assert.equal(await systemdNotifyReady(io({ NOTIFY_SOCKET: 's' }, E.right(1)).notify, 1), E.left('systemd-notify exited with code 1'))
  assert.equal(await systemdNotifyReady(io({ NOTIFY_SOCKET: 's' }, new Error('boom')).notify, 1), E.left('Error: boom'))
})

notify.run()

const exec = suite('execChild')

exec('reports the exit code of a child, or a Left when the command does not exist', async () => {
  assert.equal(await execChild(process.execPath, ['-e', 'process.exit(3)'], {}), E.right(3))
  const missing = await execChild('kubechain-no-such-tool', [], {})
  assert.ok(E.isLeft(missing) && missing.left.includes('ENOENT'))
})

exec.run()
