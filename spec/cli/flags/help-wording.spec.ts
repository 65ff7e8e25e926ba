import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { serveFlagTable } from '../../../src/cli/flags/serve-flag-table.js'
import { runServe } from '../../../src/cli/serve-command.js'

/** `kubechain serve --help` as printed. */
const serveHelp = async (): Promise<string> => {
  let out = ''
  const code = await runServe(['--help'], { out: (s) => void (out += s), err: () => undefined, stop: () => AbortSignal.abort() })
  assert.is(code, 0)
  return out
}

const wording = suite('kubechain serve --help wording')

wording("has none of upstream's Go or master wording that does not apply to kubechain", async () => {
  const text = await serveHelp()
  assert.not.match(text, /\bmaster\b/)
  assert.not.match(text, /\bGo\b/)
  assert.not.match(text, /\bglog\b/i)
  const help = (name: string): string => serveFlagTable.find((f) => f.name === name)?.help ?? ''
  assert.match(help('tls-cipher-suites'), 'If omitted, the default Node.js cipher suites will be used.')
  assert.match(help('contention-profiling'), 'it changes nothing, as Node.js has no lock contention profile')
  assert.match(help('external-hostname'), 'externalized URLs for this server.')
})

wording('lists --version among the global flags, and says where the admin token goes', async () => {
  const text = await serveHelp()
  assert.match(
    text,
    /Global flags:\n\n {2}-h, --help {21}help for serve\n {6}--version version\[=true\] {3}--version, --version=raw prints/,
  )
  assert.match(text, '--admin-token-file string')
  assert.match(serveFlagTable.find((f) => f.name === 'admin-token-file')?.help ?? '', 'written to <cert-dir>/admin-token')
})

wording.run()
