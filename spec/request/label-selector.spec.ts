import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { validateLabelSelector } from '../../src/request/index.js'
import { anyString } from './arbitraries.js'

const validate = suite('validateLabelSelector')

const valid = [
  '',
  'x',
  '!x',
  'x=a',
  'x==a',
  'x!=a',
  'x=',
  'x>1',
  'x<10',
  'x in (a)',
  'x notin (a,b)',
  'x in ()',
  'x in (,a)',
  'x in (a,)',
  'x in (,)',
  'x in (foo,,baz),y,z notin ()',
  'example.com/key=v',
  ' x = a , y ',
  'in in (in)',
  'x=in',
  'a-b_c.d=Z.z-9_a',
  'x in (a,,,)',
  'x \0garbage',
  'k'.repeat(63),
]
const invalid = [
  ',',
  'x,',
  ',x',
  'x=a=b',
  'x==a,',
  '!x=a',
  'x in a',
  'x in (a',
  'x in (a b)',
  'x in (a,,)',
  'x>a',
  'x>',
  'x<1.5',
  'x>-1',
  'x<-1',
  'x<+1',
  'x=a_',
  '-x',
  'x.',
  'a/b/c=d',
  '/a=b',
  'Example.com/x',
  'x=-a',
  `x=${'v'.repeat(64)}`,
  'k'.repeat(64),
  'x y',
  '(x)',
  'x notin',
  'x=a b',
  'é=a',
  'x\0garbage',
]

for (const s of valid) validate(`accepts ${JSON.stringify(s)}`, () => assert.equal(validateLabelSelector(s), E.right(s)))
for (const s of invalid) validate(`rejects ${JSON.stringify(s)}`, () => assert.ok(E.isLeft(validateLabelSelector(s))))

validate('names what it found and what it expected', () => {
  assert.equal(validateLabelSelector('x,'), E.left("found '', expected: identifier after ','"))
  assert.equal(validateLabelSelector('x>a'), E.left("for 'Gt', 'Lt' operators, the value must be an integer"))
  assert.equal(validateLabelSelector('-x'), E.left('invalid label key "-x"'))
})

validate('never throws on any input', () => {
  const alphabet = fc.constantFrom('a', 'b', '=', '!', '(', ')', ',', ' ', '<', '>', 'in', 'notin', '/', '.', '-', '\0')
  const tokens = fc.array(alphabet, { maxLength: 20 }).map((t) => t.join(''))
  fc.assert(
    fc.property(fc.oneof(tokens, anyString(30)), (s) => {
      const r = validateLabelSelector(s)
      return E.isLeft(r) || r.right === s
    }),
    { numRuns: 500 },
  )
})

validate.run()
