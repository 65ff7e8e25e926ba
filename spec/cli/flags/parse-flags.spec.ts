import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseFlags, scanFlags } from '../../../src/cli/flags/parse-flags.js'
import { serveFlagTable } from '../../../src/cli/flags/serve-flag-table.js'

const parse = (argv: ReadonlyArray<string>) => parseFlags(argv, serveFlagTable)
const values = (argv: ReadonlyArray<string>) => {
  const r = parse(argv)
  if (E.isLeft(r)) throw new Error(`unexpected problems: ${JSON.stringify(r.left)}`)
  return r.right.values
}
const problems = (argv: ReadonlyArray<string>) => {
  const r = parse(argv)
  if (E.isRight(r)) throw new Error(`expected problems, got ${JSON.stringify(r.right)}`)
  return r.left
}

const flags = suite('parseFlags')

flags('gives no values for no arguments', () => {
  assert.equal(parse([]), E.right({ values: {}, help: false }))
})

flags('reads --name=value and --name value', () => {
  assert.equal(values(['--secure-port=8443', '--bind-address', '127.0.0.1']), {
    'secureServing.bindPort': 8443,
    'secureServing.bindAddress': '127.0.0.1',
  })
})

flags('a value may start with a dash when it follows the flag', () => {
  assert.equal(values(['--max-requests-inflight', '-1']), { 'serverRun.maxRequestsInFlight': -1 })
})

flags('a bare boolean flag is true; =false turns it off; it never takes the next argument', () => {
  assert.equal(values(['--shutdown-send-retry-after']), { 'serverRun.shutdownSendRetryAfter': true })
  assert.equal(values(['--anonymous-auth=false']), { 'authentication.anonymousAuth': false })
  assert.equal(problems(['--anonymous-auth', 'false']), [
    { path: '', message: '"kubechain serve" does not take any arguments, got ["false"]' },
  ])
})

flags('the last value of a scalar flag wins', () => {
  assert.equal(values(['--secure-port=1', '--secure-port=2']), { 'secureServing.bindPort': 2 })
})

flags('list flags split on commas and append when repeated', () => {
  assert.equal(values(['--authorization-mode=RBAC,AlwaysDeny', '--authorization-mode', 'AlwaysAllow']), {
    'authorization.modes': ['RBAC', 'AlwaysDeny', 'AlwaysAllow'],
  })
})

flags('--tls-sni-cert-key appends one pair per use', () => {
  assert.equal(values(['--tls-sni-cert-key=a.crt,a.key', '--tls-sni-cert-key', 'b.crt,b.key:b.com']), {
    'secureServing.sniCertKeys': [
      { certFile: 'a.crt', keyFile: 'a.key', names: [] },
      { certFile: 'b.crt', keyFile: 'b.key', names: ['b.com'] },
    ],
  })
})

flags('durations are read in Go syntax as milliseconds', () => {
  assert.equal(values(['--request-timeout=1m30s', '--shutdown-delay-duration', '70s']), {
    'serverRun.requestTimeout': 90_000,
    'serverRun.shutdownDelayDuration': 70_000,
  })
})

flags('-v takes its level as -v=3, -v 3, -v3 or --v=3', () => {
  for (const argv of [['-v=3'], ['-v', '3'], ['-v3'], ['--v=3']]) assert.equal(values(argv), { 'logs.verbosity': 3 }, argv.join(' '))
})

flags('--help and -h ask for help, even beside bad flags', () => {
  assert.equal(parse(['--help']), E.right({ values: {}, help: true }))
  assert.equal(parse(['--nope', '-h']), E.right({ values: {}, help: true }))
})

flags('arguments after -- are positional', () => {
  assert.equal(problems(['--', '--secure-port=1']), [
    { path: '', message: '"kubechain serve" does not take any arguments, got ["--secure-port=1"]' },
  ])
})

flags('empty arguments are ignored, as kube-apiserver does', () => {
  assert.equal(values(['', '--secure-port=1', '']), { 'secureServing.bindPort': 1 })
})

const badFlags: ReadonlyArray<readonly [ReadonlyArray<string>, string, string]> = [
  [['--foo'], '--foo', 'unknown flag: --foo'],
  [['--foo=1'], '--foo', 'unknown flag: --foo'],
  [['-x'], '-x', "unknown shorthand flag: 'x' in -x"],
  [['---x'], '---x', 'bad flag syntax: ---x'],
  [['--=x'], '--=x', 'bad flag syntax: --=x'],
  [['--secure-port'], '--secure-port', 'flag needs an argument: --secure-port'],
  [['-v'], '--v', "flag needs an argument: 'v' in -v"],
  [['--secure-port=https'], '--secure-port', 'expected an integer, got "https"'],
  [['--request-timeout=soon'], '--request-timeout', 'expected a duration like 1m30s, got "soon"'],
  [['--anonymous-auth=maybe'], '--anonymous-auth', 'expected true or false, got "maybe"'],
  [['--goaway-chance=often'], '--goaway-chance', 'expected a number, got "often"'],
  [['--bind-address=localhost'], '--bind-address', 'expected an IP address, got "localhost"'],
  [
    ['--tls-sni-cert-key=a.crt'],
    '--tls-sni-cert-key',
    'expected certfile,keyfile[:name,...], got "a.crt": expected comma separated certificate and key file paths',
  ],
]

for (const [argv, path, message] of badFlags) {
  flags(`${argv.join(' ')} is one problem at ${path}: ${message}`, () => {
    assert.equal(problems(argv), [{ path, message }])
  })
}

flags('reports every problem at once', () => {
  const got = problems(['--foo', '--secure-port=x', 'serve', '--request-timeout=soon'])
  assert.equal(
    got.map((p) => p.path),
    ['--foo', '--secure-port', '--request-timeout', ''],
  )
})

flags('never throws, and every problem names a flag or the stray arguments', () => {
  const word = fc.oneof(
    fc.string(),
    fc.constantFrom(...serveFlagTable.map((f) => `--${f.name}`), '-v', '-h', '--', '-', '='),
    fc.tuple(fc.constantFrom(...serveFlagTable.map((f) => `--${f.name}=`), '-v'), fc.string()).map(([a, b]) => a + b),
  )
  fc.assert(
    fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
      const r = parseFlags(
        argv.filter((a) => a !== '--help' && a !== '-h'),
        serveFlagTable,
      )
      if (E.isRight(r)) return true
      return r.left.every((p) => (p.path === '' ? p.message.includes('does not take any arguments') : p.path.startsWith('-')))
    }),
  )
})

flags.run()

const scan = suite('scanFlags')

scan('keeps the values that parsed beside the problems', () => {
  const s = scanFlags(['--secure-port=1', '--request-timeout=soon'], serveFlagTable)
  assert.equal(s.values, { 'secureServing.bindPort': 1 })
  assert.equal(s.problems, [{ path: '--request-timeout', message: 'expected a duration like 1m30s, got "soon"' }])
  assert.is(s.help, false)
})

scan('names the command in the stray-argument problem', () => {
  assert.equal(scanFlags(['x'], serveFlagTable, 'demo').problems, [{ path: '', message: '"demo" does not take any arguments, got ["x"]' }])
})

scan.run()
