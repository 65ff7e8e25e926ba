import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { FlagTable } from '../../../src/cli/flags/flag-spec.js'
import { helpText } from '../../../src/cli/flags/help-text.js'
import { serveFlagTable } from '../../../src/cli/flags/serve-flag-table.js'

const help = suite('helpText')
const text = helpText(serveFlagTable)

help('starts with the usage line', () => {
  assert.ok(text.startsWith('Usage:\n  kubechain serve [flags]\n'))
})

help("names every section, in upstream's order, then the global flags", () => {
  const heads = text.split('\n').filter((l) => l.endsWith(' flags:'))
  assert.equal(heads, [
    'Generic flags:',
    'Secure serving flags:',
    'Authentication flags:',
    'Authorization flags:',
    'Auditing flags:',
    'Features flags:',
    'Logs flags:',
    'Traces flags:',
    'Client flags:',
    'Global flags:',
  ])
})

help('lists every flag with its type', () => {
  for (const f of serveFlagTable) assert.ok(text.includes(`--${f.name}`), f.name)
  assert.ok(text.includes('      --secure-port int '))
  assert.ok(text.includes('      --request-timeout duration '))
  assert.ok(text.includes('      --cors-allowed-origins strings '))
  assert.ok(text.includes('      --tls-sni-cert-key namedCertKey '))
  assert.ok(text.includes('  -v, --v int '))
  assert.ok(text.includes('      --write-kubeconfig string '))
  assert.ok(text.includes('  -h, --help '))
})

help('shows non-zero defaults as pflag does', () => {
  const flat = text.replace(/\n\s+/g, ' ')
  assert.ok(flat.includes('(default 6443)'))
  assert.ok(flat.includes('(default 0.0.0.0)'))
  assert.ok(flat.includes('(default "apiserver.local.config/certificates")'))
  assert.ok(flat.includes('(default [RBAC])'))
  assert.ok(flat.includes('(default 1m0s)'))
  assert.ok(flat.includes('(default true)'))
  assert.ok(flat.includes('(default "blocking")'))
  assert.not.ok(flat.includes('(default 0)'))
  assert.not.ok(flat.includes('(default "")'))
})

help('sorts flags by name within a section', () => {
  const generic = text.split('Generic flags:')[1]?.split('Secure serving flags:')[0] ?? ''
  const order = [...generic.matchAll(/^ {6}--([a-z-]+)/gm)].map((m) => m[1] ?? '')
  assert.ok(order.length > 5)
  assert.equal(order, [...order].sort())
})

help('keeps every line within the columns where words allow', () => {
  const long = text.split('\n').filter((l) => l.length > 100 && l.trim().includes(' '))
  assert.equal(
    long.filter((l) => !/\S{40,}/.test(l)),
    [],
  )
})

const tiny: FlagTable = [
  {
    name: 'x',
    section: 'Generic',
    type: 'string',
    default: '',
    path: 'a.b',
    help: 'one two three four five six seven eight nine ten eleven twelve',
  },
]

help('wraps to the given width, indenting continuation lines under the help column', () => {
  assert.is(
    helpText(tiny, 'demo', 50),
    'Usage:\n  demo [flags]\n\nGeneric flags:\n\n      --x string   one two three four five six\n' +
      '                   seven eight nine ten eleven\n                   twelve\n\nGlobal flags:\n\n  -h, --help   help for demo\n',
  )
})

help('does not wrap when fewer than 24 columns are left, as pflag', () => {
  assert.ok(helpText(tiny, 'demo', 40).includes('      --x string   one two three four five six seven eight nine ten eleven twelve\n'))
})

help.run()
