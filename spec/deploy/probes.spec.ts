// `kubechain serve` started with the Deployment's args, answering the kubelet's probes: the Secrets' files
// come from a scratch directory, the port is a free one on 127.0.0.1; the probes are sent as the kubelet
// sends them (HTTPS without verifying the certificate, no credentials).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { type Child, startServe, stopChild } from '../support/serve-child.js'
import { flagOf, loadManifests, only } from './kit.js'

const manifests = loadManifests()
const pod = only(manifests, 'Deployment', 'kubechain').spec.template.spec
const container = pod.containers[0]

/** Writes each Secret's keys the Deployment mounts under `dir/<mountPath>`; returns the args with the mount paths moved there. */
const scratchMounts = (dir: string): ReadonlyArray<string> => {
  const ca = newCertificateAuthority('kubechain-spec-ca')
  const pair = newSignedCertificate(ca, { commonName: 'kubechain', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' })
  const files: Record<string, string> = {
    'tls.crt': pair.certPem,
    'tls.key': pair.keyPem,
    'tokens.csv': `${'ab'.repeat(32)},admin,admin-uid,"system:masters"\n`,
  }
  for (const m of container.volumeMounts) {
    const volume = pod.volumes.find((v: any) => v.name === m.name)
    if (volume?.secret === undefined) continue
    const secret = only(manifests, 'Secret', volume.secret.secretName)
    const target = join(dir, m.mountPath)
    mkdirSync(target, { recursive: true })
    for (const key of Object.keys({ ...secret.data, ...secret.stringData }))
      writeFileSync(join(target, key), files[key] ?? '', { mode: 0o600 })
  }
  // the port is the spec's own; every path the args name moves under `dir`
  return container.args.filter((a: string) => flagOf(a)?.name !== 'secure-port').map((a: string) => a.replace(/=\//, `=${dir}/`))
}

/** One probe: GET `path` over HTTPS/1.1 without a certificate check or credentials; resolves with the status. */
const probe = (url: URL, path: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, rejectUnauthorized: false, agent: false, headers: { 'user-agent': 'kube-probe/1.34' } },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.setTimeout(5_000, () => req.destroy(new Error('probe timeout')))
    req.on('error', reject)
    req.end()
  })

/** Probes `path` until it answers `status`, at most `ms`; returns the last status. */
const probeUntil = async (url: URL, path: string, status: number, ms: number): Promise<number> => {
  const deadline = Date.now() + ms
  for (;;) {
    const s = await probe(url, path)
    if (s === status || Date.now() > deadline) return s
    await new Promise((r) => setTimeout(r, 50))
  }
}

const probes = suite('probes against kubechain serve with the Deployment args')

probes('every probe is answered 200 while serving; after SIGTERM /readyz is red and /livez stays ok during the delay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubechain-deploy-'))
  let child: Child | undefined
  try {
    child = await startServe(join(dir, 'unused-cert-dir'), scratchMounts(dir))
    const url = child.url
    const paths = [container.startupProbe, container.livenessProbe, container.readinessProbe].map((p) => p.httpGet.path)
    assert.equal(await Promise.all(paths.map((p) => probeUntil(url, p, 200, 5_000))), [200, 200, 200])
    child.proc.kill('SIGTERM')
    assert.is(await probeUntil(url, container.readinessProbe.httpGet.path, 500, 5_000), 500)
    assert.is(await probe(url, container.livenessProbe.httpGet.path), 200)
  } finally {
    await stopChild(child)
    rmSync(dir, { recursive: true, force: true })
  }
})

probes.run()
