import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { type TokenFile, type TokenFileError, parseTokenFile } from '../../src/auth/token-file.js'

const parse = suite('parseTokenFile')

const ok = (text: string): TokenFile => {
  const r = parseTokenFile('tokens.csv', text)
  if (E.isLeft(r)) throw new Error(`expected Right, got ${r.left.message}`)
  return r.right
}
const bad = (text: string): TokenFileError => {
  const r = parseTokenFile('tokens.csv', text)
  if (E.isRight(r)) throw new Error('expected Left')
  return r.left
}
const groupsOf = (f: TokenFile, token: string) => f.tokens.get(token)?.groups

parse('reads upstream tokenfile_test records: names, uids and quoted group lists; extra columns ignored', () => {
  const f = ok(`
token1,user1,uid1
token2,user2,uid2
token3,user3,uid3,"group1,group2"
token4,user4,uid4,"group2"
token5,user5,uid5,group5
token6,user6,uid6,group5,otherdata
token7,user7,uid7,"group1,group2",otherdata
`)
  assert.equal(f.tokens.get('token1'), { name: 'user1', uid: 'uid1', groups: [], extra: {} })
  assert.equal(groupsOf(f, 'token3'), ['group1', 'group2'])
  assert.equal(groupsOf(f, 'token4'), ['group2'])
  assert.equal(groupsOf(f, 'token5'), ['group5'])
  assert.equal(groupsOf(f, 'token6'), ['group5'])
  assert.equal(groupsOf(f, 'token7'), ['group1', 'group2'])
  assert.is(f.tokens.size, 7)
  assert.equal(f.warnings, [])
})

parse('a short record names its line and keeps upstream text', () => {
  const e = bad('token1,user1,uid1\n\ntoken3,user3\ntoken4\n')
  assert.is(e.line, 3)
  assert.is(e.message, "record on line 3: token file 'tokens.csv' must have at least 3 columns (token, user name, user uid), found 2")
  assert.is(
    bad('token4\n').message,
    "record on line 1: token file 'tokens.csv' must have at least 3 columns (token, user name, user uid), found 1",
  )
})

parse('a line of spaces is a one-column record, not an empty line', () => {
  assert.is(bad('a,b,c\n   \n').line, 2)
})

parse("a bare quote in an unquoted field is Go csv's parse error with line and column", () => {
  const e = bad('a,b,c\nto"ken,u,i\n')
  assert.equal([e.line, e.message], [2, 'parse error on line 2, column 3: bare " in non-quoted-field'])
})

parse('text after a closing quote is an extraneous quote error', () => {
  assert.is(bad('"tok"en,u,i\n').message, 'parse error on line 1, column 6: extraneous or missing " in quoted-field')
})

parse('an unterminated quote reports the record start and the last line', () => {
  const e = bad('a,b,c\nt,u,"g1\ng2\n')
  assert.equal([e.line, e.message], [3, 'record on line 2; parse error on line 3, column 4: extraneous or missing " in quoted-field'])
})

parse('quoted fields keep doubled quotes, commas and newlines; CRLF is a line end', () => {
  const f = ok('"to""k,en",u,i,"a\r\nb"\r\nx,y,z\r\n')
  assert.equal(groupsOf(f, 'to"k,en'), ['a\nb'])
  assert.ok(f.tokens.has('x'))
})

parse('a trailing comma makes an empty fourth column: one empty group, as Go splits ""', () => {
  assert.equal(groupsOf(ok('t,u,i,\n'), 't'), [''])
})

parse("empty tokens are skipped with upstream's warning and record number", () => {
  const f = ok(',user5,uid5\n')
  assert.is(f.tokens.size, 0)
  assert.equal(f.warnings, ["empty token has been found in token file 'tokens.csv', record number '1'"])
})

parse('a duplicate token warns and the last record wins', () => {
  const f = ok('t,alice,1\n\nt,bob,2\n')
  assert.is(f.tokens.get('t')?.name, 'bob')
  assert.equal(f.warnings, ["duplicate token has been found in token file 'tokens.csv', record number '2'"])
})

parse('an empty file has no tokens', () => {
  assert.is(ok('').tokens.size, 0)
  assert.is(ok('\n\r\n').tokens.size, 0)
})

parse('never throws on any text, and every success holds only 3+-column records', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') }), fc.string(), (s1, s2) => {
      for (const s of [s1, s2]) {
        const r = parseTokenFile('p', s)
        if (E.isRight(r)) for (const u of r.right.tokens.values()) assert.type(u.name, 'string')
        else assert.ok(r.left.line >= 1 && r.left.message.length > 0)
      }
    }),
    { numRuns: 500 },
  )
})

parse.run()
