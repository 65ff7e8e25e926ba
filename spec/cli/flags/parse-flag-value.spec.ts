import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { FlagType } from '../../../src/cli/flags/flag-spec.js'
import { parseFlagValue } from '../../../src/cli/flags/parse-flag-value.js'

const value = suite('parseFlagValue')

const good: ReadonlyArray<readonly [FlagType, string, unknown]> = [
  ['string', '', ''],
  ['string', 'a,b', 'a,b'],
  ['int', '6443', 6443],
  ['int', '-1', -1],
  ['int', '+7', 7],
  ['float', '.001', 0.001],
  ['float', '0.02', 0.02],
  ['float', '1e-3', 0.001],
  ['bool', 'true', true],
  ['bool', 'T', true],
  ['bool', '1', true],
  ['bool', 'False', false],
  ['bool', '0', false],
  ['duration', '1m30s', 90_000],
  ['duration', '0', 0],
  ['duration', '-1s', -1000],
  ['duration', '1.5ms', 1.5],
  ['ip', '10.0.0.1', '10.0.0.1'],
  ['ip', ' ::1 ', '::1'],
  ['stringList', '', []],
  ['stringList', 'a,b,,c', ['a', 'b', '', 'c']],
  ['namedCertKey', 'a.crt,a.key', [{ certFile: 'a.crt', keyFile: 'a.key', names: [] }]],
  [
    'namedCertKey',
    ' foo.crt , foo.key : *.foo.com, foo.com ',
    [{ certFile: 'foo.crt', keyFile: 'foo.key', names: ['*.foo.com', 'foo.com'] }],
  ],
]

for (const [type, text, want] of good) {
  value(`reads ${JSON.stringify(text)} as ${type} ${JSON.stringify(want)}`, () => {
    assert.equal(parseFlagValue(type, text), E.right(want))
  })
}

const bad: ReadonlyArray<readonly [FlagType, string, string]> = [
  ['int', '1.5', 'expected an integer, got "1.5"'],
  ['int', '', 'expected an integer, got ""'],
  ['int', '99999999999999999999', 'expected an integer, got "99999999999999999999"'],
  ['float', 'abc', 'expected a number, got "abc"'],
  ['bool', 'yes', 'expected true or false, got "yes"'],
  ['duration', 'soon', 'expected a duration like 1m30s, got "soon"'],
  ['duration', '10', 'expected a duration like 1m30s, got "10"'],
  ['ip', 'localhost', 'expected an IP address, got "localhost"'],
  ['ip', '', 'expected an IP address, got ""'],
  ['namedCertKey', 'a.crt', 'expected certfile,keyfile[:name,...], got "a.crt": expected comma separated certificate and key file paths'],
  ['namedCertKey', 'a,b,c', 'expected certfile,keyfile[:name,...], got "a,b,c": expected comma separated certificate and key file paths'],
  ['namedCertKey', 'a,b: ', 'expected certfile,keyfile[:name,...], got "a,b: ": empty names list is not allowed'],
]

for (const [type, text, message] of bad) {
  value(`refuses ${JSON.stringify(text)} as ${type}, saying what was expected and got`, () => {
    assert.equal(parseFlagValue(type, text), E.left(message))
  })
}

value('never throws, whatever the type and text', () => {
  const types: FlagType[] = ['string', 'int', 'float', 'bool', 'duration', 'ip', 'stringList', 'namedCertKey']
  fc.assert(
    fc.property(fc.constantFrom(...types), fc.string(), (type, text) => {
      const r = parseFlagValue(type, text)
      return E.isLeft(r) ? r.left.includes(JSON.stringify(text)) : true
    }),
  )
})

value.run()
