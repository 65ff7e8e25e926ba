// Spec support: `kubechain serve` with --write-kubeconfig in a temporary directory, for the kubectl and
// client-node end-to-end suites, with a small HTTPS client that uses the written kubeconfig's CA and token.
import * as fs from 'node:fs'
import { request } from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import { parse } from 'yaml'
import { type Child, startServe, stopChild } from './serve-child.js'

/** A running server, the kubeconfig it wrote, and what was read back from that file. */
export interface KubeconfigServer {
  readonly child: Child
  readonly dir: string
  readonly kubeconfig: string
  /** A directory for kubectl's discovery and HTTP caches, apart from the user's. */
  readonly cacheDir: string
  readonly server: string
  readonly token: string
  readonly caPem: string
}

/** What an API call read back: status and the body parsed as JSON (or as text when it is not JSON). */
export interface ApiReply {
  readonly status: number
  readonly body: unknown
}

/** Starts kubechain with a self-signed certificate (made in a temporary directory) and `--write-kubeconfig`; resolves at its banner. */
export const startWithKubeconfig = async (flags: ReadonlyArray<string> = []): Promise<KubeconfigServer> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-kubeconfig-e2e-'))
  const kubeconfig = path.join(dir, 'kubeconfig')
  try {
    const child = await startServe(path.join(dir, 'certs'), [`--write-kubeconfig=${kubeconfig}`, ...flags])
    const doc = parse(fs.readFileSync(kubeconfig, 'utf8')) as KubeconfigDoc
    const cluster = doc.clusters[0]?.cluster
    const token = doc.users[0]?.user.token
    if (cluster === undefined || token === undefined)
      throw new Error(`the kubeconfig has no cluster or no token:\n${fs.readFileSync(kubeconfig, 'utf8')}`)
    const caPem = Buffer.from(cluster['certificate-authority-data'] ?? '', 'base64').toString()
    return { child, dir, kubeconfig, cacheDir: path.join(dir, 'cache'), server: cluster.server, token, caPem }
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw e
  }
}

/** Kills the server and removes its directory. */
export const stopWithKubeconfig = async (s: KubeconfigServer | undefined): Promise<void> => {
  if (s === undefined) return
  await stopChild(s.child)
  fs.rmSync(s.dir, { recursive: true, force: true })
}

/** One JSON request to the server as the kubeconfig's user, trusting only the kubeconfig's CA. */
export const api = (s: KubeconfigServer, method: string, p: string, body?: unknown): Promise<ApiReply> =>
  new Promise((resolve, reject) => {
    const url = new URL(p, s.server)
    const headers: Record<string, string> = { authorization: `Bearer ${s.token}`, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, ca: s.caPem, agent: false },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('error', reject)
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: jsonOrText(text) }))
      },
    )
    req.setTimeout(5_000, () => req.destroy(new Error(`${method} ${p}: no answer within 5 s`)))
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })

/** Creates a ConfigMap in `default` through the API (not kubectl), so a kubectl step does not depend on kubectl's create. */
export const seedConfigMap = async (
  s: KubeconfigServer,
  name: string,
  data: Record<string, string>,
  labels: Record<string, string> = {},
): Promise<void> => {
  const r = await api(s, 'POST', '/api/v1/namespaces/default/configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels },
    data,
  })
  if (r.status !== 201) throw new Error(`seeding configmap ${name}: ${r.status} ${JSON.stringify(r.body)}`)
}

interface KubeconfigDoc {
  readonly clusters: ReadonlyArray<{ readonly cluster: { readonly server: string; readonly 'certificate-authority-data'?: string } }>
  readonly users: ReadonlyArray<{ readonly user: { readonly token?: string } }>
}

const jsonOrText = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
