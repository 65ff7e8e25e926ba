import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { watchedCaBundle } from '../../src/cli/watched-ca-bundle.js'
import { recordingLogger } from '../../src/core/index.js'
import type { CaBundle } from '../../src/auth/client-chain.js'
import { ca, strangerCa } from '../auth/fixtures.js'

const subjects = (b: CaBundle): string[] => b.certificates.map((c) => c.subject)

/** Polls `cond` every 10 ms for at most `ms` (file watch events arrive asynchronously). */
const eventually = async (cond: () => boolean, ms = 3_000): Promise<boolean> => {
  for (let waited = 0; waited < ms; waited += 10) {
    if (cond()) return true
    await new Promise((r) => setTimeout(r, 10))
  }
  return cond()
}

const withDir = async (body: (dir: string) => Promise<void> | void): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-ca-bundle-'))
  try {
    await body(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const bundle = suite('watchedCaBundle')

bundle('reads every certificate of the file at once', () =>
  withDir((dir) => {
    const file = path.join(dir, 'ca.crt')
    fs.writeFileSync(file, ca.certPem + strangerCa.certPem)
    const got = watchedCaBundle(file, recordingLogger().log)
    assert.ok(E.isRight(got))
    if (E.isRight(got)) assert.equal(subjects(got.right()), ['CN=client-ca', 'CN=stranger-ca'])
  }),
)

bundle('a missing file is a Left naming the file', () =>
  withDir((dir) => {
    const file = path.join(dir, 'nope.crt')
    const got = watchedCaBundle(file, recordingLogger().log)
    assert.ok(E.isLeft(got))
    if (E.isLeft(got)) {
      assert.ok(got.left.startsWith(`${file}: unable to load client CA file: `), got.left)
      assert.match(got.left, 'ENOENT')
    }
  }),
)

bundle('a file without certificates is a Left naming the file and the reason', () =>
  withDir((dir) => {
    const file = path.join(dir, 'ca.crt')
    fs.writeFileSync(file, 'not a certificate\n')
    assert.equal(watchedCaBundle(file, recordingLogger().log), E.left(`${file}: data does not contain any valid RSA or ECDSA certificates`))
  }),
)

bundle('a rewritten file is read again: the getter returns the new CAs', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'ca.crt')
    fs.writeFileSync(file, ca.certPem)
    const got = watchedCaBundle(file, recordingLogger().log)
    if (E.isLeft(got)) return assert.unreachable(got.left)
    assert.equal(subjects(got.right()), ['CN=client-ca'])
    fs.writeFileSync(file, strangerCa.certPem)
    assert.ok(await eventually(() => subjects(got.right())[0] === 'CN=stranger-ca'), 'the new bundle was picked up')
  }),
)

bundle('a change that does not parse keeps the last good bundle and logs why', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'ca.crt')
    fs.writeFileSync(file, ca.certPem)
    const logger = recordingLogger()
    const got = watchedCaBundle(file, logger.log)
    if (E.isLeft(got)) return assert.unreachable(got.left)
    fs.writeFileSync(file, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n')
    const parseFailure = (): boolean =>
      logger.entries.some((e) => String(e.fields?.['reason']).startsWith(`${file}: failed to parse certificate`))
    assert.ok(await eventually(parseFailure), 'the bad change was logged with its reason')
    assert.equal(subjects(got.right()), ['CN=client-ca'])
    // A reload may also catch the file truncated mid-write; every entry is the same error line.
    assert.equal(
      [...new Set(logger.entries.map((e) => `${e.level} ${e.msg}`))],
      [`error keeping the last good client CA bundle of ${file}`],
    )
  }),
)

bundle('a file replaced by rename twice (as secret volumes update) is picked up both times', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'ca.crt')
    fs.writeFileSync(file, ca.certPem)
    const got = watchedCaBundle(file, recordingLogger().log)
    if (E.isLeft(got)) return assert.unreachable(got.left)
    const replace = (pem: string, n: number): void => {
      fs.writeFileSync(path.join(dir, `next-${n}.crt`), pem)
      fs.renameSync(path.join(dir, `next-${n}.crt`), file)
    }
    replace(strangerCa.certPem, 1)
    assert.ok(await eventually(() => subjects(got.right())[0] === 'CN=stranger-ca'), 'the first replacement was picked up')
    replace(ca.certPem, 2)
    assert.ok(await eventually(() => subjects(got.right())[0] === 'CN=client-ca', 1_500), 'the second replacement was picked up')
  }),
)

bundle.run()
