// `kubechain serve --cert-dir=<a directory procfs refuses>` as a child process (see serve-child.ts).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { existsSync } from 'node:fs'
import { serveChild } from './serve-child.js'

const certDir = suite('--cert-dir')

certDir('a directory that procfs refuses to create fails at once naming it, exit 2, instead of spinning', async () => {
  if (!existsSync('/proc/self')) return console.log('  (no procfs here: skipped)')
  const r = await serveChild(['--bind-address=127.0.0.1', '--secure-port=6443', '--cert-dir=/proc/kubechain/certs'], 15_000)
  assert.is(r.code, 2, r.stderr)
  assert.is(r.stdout, '')
  assert.equal(
    r.stderr.split('\n').filter((l) => l !== ''),
    ["--cert-dir /proc/kubechain/certs: unable to write self signed cert: ENOENT: no such file or directory, mkdir '/proc/kubechain'"],
  )
})

certDir.run()
