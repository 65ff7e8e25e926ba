import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { announceKubeconfig } from '../../src/cli/kubeconfig-announce.js'
import { ca, sign } from '../auth/fixtures.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-kubeconfig-announce-'))
const bundle = path.join(dir, 'apiserver.crt')
fs.writeFileSync(bundle, sign(ca, 'serving', { usage: 'server' }).certPem + ca.certPem)
const leafOnly = path.join(dir, 'leaf.crt')
fs.writeFileSync(leafOnly, sign(ca, 'serving', { usage: 'server' }).certPem)
const server = 'https://127.0.0.1:6443'
const token = 'f'.repeat(64)

const announce = suite('announceKubeconfig')

announce('with a generated token: writes it to the file only, and names the file and the kubectl command', () => {
  const file = path.join(dir, 'admin', 'config')
  const lines = announceKubeconfig({ file, server, certFile: bundle, token, tokenAuthFile: '' })
  assert.equal(lines, {
    auth: [`  kubeconfig written to ${file} (user kubechain-admin, group system:masters; the admin token is only there)`],
    tryLines: [`    kubectl --kubeconfig ${file} get configmaps`],
  })
  assert.not.ok(JSON.stringify(lines).includes(token))
  const doc = parse(fs.readFileSync(file, 'utf8'))
  assert.is(doc.users[0].user.token, token)
  assert.is(doc.clusters[0].cluster.server, server)
  assert.match(Buffer.from(doc.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), 'BEGIN CERTIFICATE')
})

announce('with a token file: a user without credentials, and how to add a token', () => {
  const file = path.join(dir, 'user-config')
  const lines = announceKubeconfig({ file, server, certFile: bundle, token: undefined, tokenAuthFile: '/etc/tokens.csv' })
  assert.equal(lines.auth, [
    `  kubeconfig written to ${file}; its user kubechain has no credentials: add a token from /etc/tokens.csv with\n` +
      `    kubectl --kubeconfig ${file} config set-credentials kubechain --token=<token>`,
  ])
  assert.equal(parse(fs.readFileSync(file, 'utf8')).users, [{ name: 'kubechain', user: {} }])
})

announce('without a known CA: the cluster has none, and the banner says why and how to add one', () => {
  const file = path.join(dir, 'no-ca')
  const lines = announceKubeconfig({ file, server, certFile: leafOnly, token, tokenAuthFile: '' })
  assert.equal(lines.auth.slice(1), [
    `  its cluster has no certificate-authority-data: ${leafOnly} holds no CA certificate; add the CA with\n` +
      `    kubectl --kubeconfig ${file} config set-cluster kubechain --certificate-authority=<ca.crt> --embed-certs`,
  ])
  assert.equal(parse(fs.readFileSync(file, 'utf8')).clusters[0].cluster, { server })
})

announce('a self-signed certificate kept in memory: no CA, and the advice to keep it in a file', () => {
  const file = path.join(dir, 'in-memory')
  const lines = announceKubeconfig({ file, server, certFile: '', token, tokenAuthFile: '' })
  assert.equal(lines.auth.slice(1), [
    '  its cluster has no certificate-authority-data: the self-signed certificate is kept in memory only (--cert-dir is empty); ' +
      'serve with --cert-dir to keep it in a file, so the kubeconfig can carry it',
  ])
})

announce('a file that cannot be written: says so, prints no token and no command', () => {
  const lines = announceKubeconfig({ file: dir, server, certFile: bundle, token, tokenAuthFile: '' })
  assert.ok(lines.auth[0]?.startsWith(`  kubeconfig NOT written to ${dir}: EISDIR`), lines.auth[0])
  assert.equal(lines.tryLines, [])
  assert.not.ok(JSON.stringify(lines).includes(token))
})

announce.after(() => fs.rmSync(dir, { recursive: true, force: true }))
announce.run()
