import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

type Version = readonly [number, number, number]

/** `20.19` or `>= 20.19.0` as [20, 19, 0]; missing or `*` parts are 0. */
const parse = (text: string): Version => {
  const [a = 0, b = 0, c = 0] = text
    .replace(/^[v=\s]+/, '')
    .split('.')
    .map((p) => (p === '*' || p === 'x' ? 0 : Number.parseInt(p, 10)))
  return [a, b, c]
}

const compare = (x: Version, y: Version): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]

/** Whether `v` satisfies one comparator of an npm range (`>=a`, `>a`, `<a`, `<=a`, `^a`, `a`, `a.*`). */
const satisfiesOne = (v: Version, comparator: string): boolean => {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*(.+)$/.exec(comparator)
  if (m === null) return false
  const [, op = '', rest = ''] = m
  const w = parse(rest)
  const c = compare(v, w)
  if (op === '>=') return c >= 0
  if (op === '>') return c > 0
  if (op === '<=') return c <= 0
  if (op === '<') return c < 0
  if (op === '^') return c >= 0 && v[0] === w[0]
  if (op === '~') return c >= 0 && v[0] === w[0] && v[1] === w[1]
  const parts = rest.split('.').length
  return rest.includes('*') || parts < 3 ? v[0] === w[0] && (parts < 2 || rest.split('.')[1] === '*' || v[1] === w[1]) : c === 0
}

/** Whether `v` satisfies an npm range: `||` alternatives of space-separated comparators (`>= 6` keeps its space). */
const satisfies = (v: Version, range: string): boolean =>
  range.split('||').some((alt) =>
    alt
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => satisfiesOne(v, comparator)),
  )

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }>
}

const engines = suite('engines')

engines('the range reader knows the forms in the lock', () => {
  assert.ok(satisfies(parse('20.19.0'), '^18.19.0 || >=20.6.0'))
  assert.not.ok(satisfies(parse('20.19.0'), '>=22.15.0'))
  assert.ok(satisfies(parse('20.19.0'), '>= 14.6'))
  assert.ok(satisfies(parse('20.19.0'), '6.* || 8.* || >= 10.*'))
  assert.not.ok(satisfies(parse('20.19.0'), '6.* || 8.*'))
  assert.ok(satisfies(parse('20.19.0'), '^16 || ^18 || >=20'))
  assert.not.ok(satisfies(parse('20.19.0'), '>=1.0.0 <20.0.0'))
})

engines('every runtime dependency, direct or not, supports the oldest Node the package says it supports', () => {
  const oldest = parse(pkg.engines.node.replace(/^>=\s*/, ''))
  const refusing = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && p.dev !== true && !Array.isArray(p.engines) && p.engines?.node !== undefined)
    .filter(([, p]) => !satisfies(oldest, (p.engines as { node: string }).node))
    .map(([path, p]) => `${path.replace(/^node_modules\//, '')} (node ${(p.engines as { node: string }).node})`)
  assert.equal(refusing, [], `runtime dependencies that refuse Node ${oldest.join('.')}: ${refusing.join(', ')}`)
})

engines.run()
