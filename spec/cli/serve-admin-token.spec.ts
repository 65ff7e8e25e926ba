import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runServe } from '../../src/cli/serve-command.js'
import { defaultDeps, recordingLogger } from '../../src/core/index.js'
import { freePort } from '../support/serve-child.js'

/** Runs `kubechain serve <argv>` in process on 127.0.0.1, stopped as soon as it serves; `terminal` says what stdout is. */
const serve = async (argv: ReadonlyArray<string>, terminal: boolean) => {
  let out = ''
  let err = ''
  const port = await freePort()
  const code = await runServe(['--bind-address=127.0.0.1', `--secure-port=${port}`, ...argv], {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    stop: () => AbortSignal.abort(),
    deps: { ...defaultDeps, log: recordingLogger().log },
    terminal,
  })
  return { code, out, err, url: `https://127.0.0.1:${port}` }
}

const withDir = async (body: (dir: string) => Promise<void>): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-admin-token-'))
  try {
    await body(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const hex64 = /^[0-9a-f]{64}$/
const mode = (file: string): number => fs.statSync(file).mode & 0o777

const token = suite('kubechain serve: where the generated admin token goes')

token('not on a terminal: to <cert-dir>/admin-token (0600), named by the banner, printed nowhere', () =>
  withDir(async (dir) => {
    const r = await serve([`--cert-dir=${dir}`], false)
    assert.is(r.code, 0, r.err)
    const file = path.join(dir, 'admin-token')
    const text = fs.readFileSync(file, 'utf8')
    assert.match(text, /^[0-9a-f]{64}\n$/)
    assert.is(mode(file), 0o600)
    assert.not.ok(r.out.includes(text.trim()), 'the token is not in the banner')
    assert.not.ok(r.err.includes(text.trim()), 'nor on stderr')
    assert.match(r.out, `  admin token (user kubechain-admin, group system:masters) written to ${file} (mode 0600), printed nowhere\n`)
    assert.match(r.out, `    curl -k -H "Authorization: Bearer $(cat ${file})" ${r.url}/api/v1/namespaces/default/configmaps\n`)
  }),
)

token('on a terminal: printed once in the banner, and no file is written', () =>
  withDir(async (dir) => {
    const r = await serve([`--cert-dir=${dir}`], true)
    assert.is(r.code, 0, r.err)
    const printed = /printed only now\):\n {4}(\S+)\n/.exec(r.out)?.[1] ?? ''
    assert.match(printed, hex64)
    assert.match(r.out, `-H "Authorization: Bearer ${printed}"`)
    assert.is(fs.existsSync(path.join(dir, 'admin-token')), false)
  }),
)

token('--admin-token-file: written there (missing directories made), even on a terminal, and not printed', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'secrets', 'token')
    const r = await serve([`--cert-dir=${dir}`, `--admin-token-file=${file}`], true)
    assert.is(r.code, 0, r.err)
    const text = fs.readFileSync(file, 'utf8').trim()
    assert.match(text, hex64)
    assert.is(mode(file), 0o600)
    assert.not.ok(r.out.includes(text))
    assert.not.ok(r.out.includes('printed only now'))
    assert.is(fs.existsSync(path.join(dir, 'admin-token')), false, 'not also under --cert-dir')
  }),
)

token('--write-kubeconfig alone: the token goes only there, not to a file under --cert-dir', () =>
  withDir(async (dir) => {
    const kubeconfig = path.join(dir, 'kubeconfig')
    const r = await serve([`--cert-dir=${dir}`, `--write-kubeconfig=${kubeconfig}`], false)
    assert.is(r.code, 0, r.err)
    assert.match(fs.readFileSync(kubeconfig, 'utf8'), /token: [0-9a-f]{64}/)
    assert.is(fs.existsSync(path.join(dir, 'admin-token')), false)
  }),
)

token('with --token-auth-file no token is generated, so none is written or printed', () =>
  withDir(async (dir) => {
    const tokens = path.join(dir, 'tokens.csv')
    fs.writeFileSync(tokens, 'secret,alice,1\n')
    const r = await serve([`--cert-dir=${dir}`, `--token-auth-file=${tokens}`], false)
    assert.is(r.code, 0, r.err)
    assert.is(fs.existsSync(path.join(dir, 'admin-token')), false)
    assert.match(r.out, `  authenticate with a token from ${tokens} or a client certificate\n`)
  }),
)

token('not on a terminal with --cert-dir empty and nowhere else to put it: exit 2 naming the ways out', async () => {
  const r = await serve(['--cert-dir='], false)
  assert.is(r.code, 2)
  assert.is(r.out, '')
  assert.is(
    r.err,
    'the generated admin token has nowhere to go: stdout is not a terminal and --cert-dir is empty; ' +
      'give --admin-token-file, --write-kubeconfig or --token-auth-file\n',
  )
})

token('an --admin-token-file that is a directory, or empty, is a startup problem: exit 2, nothing served', () =>
  withDir(async (dir) => {
    const r = await serve([`--cert-dir=${dir}`, `--admin-token-file=${dir}`], false)
    assert.is(r.code, 2)
    assert.is(r.out, '')
    assert.is(r.err, `--admin-token-file ${dir}: expected a file, got a directory\n`)
    const empty = await serve([`--cert-dir=${dir}`, '--admin-token-file='], false)
    assert.is(empty.code, 2)
    assert.is(empty.err, '--admin-token-file: expected a file path, got ""\n')
  }),
)

token.run()
