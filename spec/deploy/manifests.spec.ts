// The deployment kit's manifests against the CLI they run: its flags, defaults, health endpoints and
// authorization, read from src/ rather than copied.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { anonymousUser } from '../../src/auth/anonymous-authenticator.js'
import { withBootstrapPolicy } from '../../src/auth/bootstrap-policy.js'
import { rbacAuthorizer } from '../../src/auth/rbac-authorizer.js'
import { noRbacObjects } from '../../src/auth/rbac-objects.js'
import { parseServeCommand } from '../../src/cli/flags/parse-serve-command.js'
import { serveFlagTable } from '../../src/cli/flags/serve-flag-table.js'
import { serverSettings } from '../../src/cli/server-settings.js'
import { serveOptionsDefaults } from '../../src/config/options/serve-options.js'
import { defaultDeps, silentLogger } from '../../src/core/index.js'
import { installHealth } from '../../src/lifecycle/install-health.js'
import { right, server } from '../lifecycle/fixtures.js'
import { flagOf, loadManifests, manifestDir, only, root } from './kit.js'

/** What the kit adds to delay + drain for the rest of the exit (audit and tracing flushes, process exit), in ms. */
const marginMs = 10_000
/** A pod's `terminationGracePeriodSeconds` when the manifest sets none (Kubernetes' default). */
const kubernetesDefaultGraceSeconds = 30

const manifests = loadManifests()
const deployment = only(manifests, 'Deployment', 'kubechain')
const pod = deployment.spec.template.spec
const container = pod.containers[0]
const args: ReadonlyArray<string> = container.args
const command = right(parseServeCommand(args, { interfaces: () => ({}) }))
if (command.help) throw new Error('the args ask for help')
const { options, cli } = command
const settings = right(serverSettings(options))
const setFlags = new Set(args.map((a) => flagOf(a)?.name))

/** The containerPort a probe's or Service's port (a number or a port name) points at. */
const containerPort = (port: number | string): number | undefined =>
  typeof port === 'number' ? port : container.ports.find((p: any) => p.name === port)?.containerPort

const probes = (): ReadonlyArray<[string, any]> => [
  ['startupProbe', container.startupProbe],
  ['livenessProbe', container.livenessProbe],
  ['readinessProbe', container.readinessProbe],
]

const flags = suite('deployment args')

flags('every arg is a `--name=value` flag of kubechain serve, and together they parse and validate', () => {
  const known = new Set(serveFlagTable.map((f) => f.name))
  assert.equal(
    args.filter((a) => !known.has(flagOf(a)?.name ?? '')),
    [],
  )
  assert.is(E.isRight(parseServeCommand(args, { interfaces: () => ({}) })), true)
})

flags('set the secure port, the shutdown delay and the request timeout explicitly', () => {
  for (const name of ['secure-port', 'shutdown-delay-duration', 'request-timeout']) assert.ok(setFlags.has(name), `--${name} is not set`)
  assert.ok(settings.lifecycle.shutdownDelayDuration > 0, 'a rolling update needs a shutdown delay for the endpoints to be removed')
})

const grace = suite('terminationGracePeriodSeconds')

grace('covers the shutdown delay, the drain (request timeout or watch grace) and a margin', () => {
  const { shutdownDelayDuration, shutdownTimeout, shutdownWatchTerminationGracePeriod, shutdownSendRetryAfter } = settings.lifecycle
  const needed = shutdownDelayDuration + Math.max(shutdownTimeout, shutdownWatchTerminationGracePeriod) + marginMs
  assert.is(shutdownSendRetryAfter, false, '--shutdown-send-retry-after adds a 2 s server shutdown after the drain')
  assert.ok(pod.terminationGracePeriodSeconds * 1000 >= needed, `${pod.terminationGracePeriodSeconds} s < ${needed / 1000} s`)
})

grace("is set, since upstream's defaults can take longer than a pod's default grace period", () => {
  const r = serveOptionsDefaults.serverRun
  assert.ok((r.shutdownDelayDuration + r.requestTimeout) / 1000 > kubernetesDefaultGraceSeconds)
  assert.type(pod.terminationGracePeriodSeconds, 'number')
})

grace('docs/deployment.md states the defaults and the kit as they are', () => {
  const doc = readFileSync(join(root, 'docs', 'deployment.md'), 'utf8')
  const r = serveOptionsDefaults.serverRun
  const { shutdownDelayDuration, shutdownTimeout } = settings.lifecycle
  for (const s of [
    `a shutdown can take up to ${(r.shutdownDelayDuration + r.requestTimeout) / 1000} s`,
    `default grace period of ${kubernetesDefaultGraceSeconds} s`,
    `--shutdown-delay-duration=${shutdownDelayDuration / 1000}s`,
    `--request-timeout=${shutdownTimeout / 1000}s`,
    `terminationGracePeriodSeconds: ${pod.terminationGracePeriodSeconds}`,
  ])
    assert.ok(doc.includes(s), `docs/deployment.md does not say ${s}`)
})

const pods = suite('pods')

pods('two replicas, and a rolling update never has fewer ready', () => {
  assert.is(deployment.spec.replicas, 2)
  assert.is(deployment.spec.strategy.rollingUpdate.maxUnavailable, 0)
})

pods('run as non-root, read-only root, no capabilities, no privilege escalation, seccomp RuntimeDefault', () => {
  assert.is(pod.securityContext.runAsNonRoot, true)
  assert.ok(pod.securityContext.runAsUser > 0)
  assert.is(pod.securityContext.seccompProfile.type, 'RuntimeDefault')
  assert.is(container.securityContext.readOnlyRootFilesystem, true)
  assert.is(container.securityContext.allowPrivilegeEscalation, false)
  assert.equal(container.securityContext.capabilities.drop, ['ALL'])
})

pods('probes: startup and liveness on /livez, readiness on /readyz, over HTTPS on the secure port', () => {
  assert.equal(
    probes().map(([name, p]) => [name, p.httpGet.path, p.httpGet.scheme, containerPort(p.httpGet.port)]),
    [
      ['startupProbe', '/livez', 'HTTPS', options.secureServing.bindPort],
      ['livenessProbe', '/livez', 'HTTPS', options.secureServing.bindPort],
      ['readinessProbe', '/readyz', 'HTTPS', options.secureServing.bindPort],
    ],
  )
})

pods('the probe paths are health endpoints the server installs', () => {
  const installed = right(installHealth(server({ name: 'kubechain', deps: { ...defaultDeps, log: silentLogger } }))).listedPaths()
  for (const [name, p] of probes()) assert.ok(installed.includes(p.httpGet.path), `${name} ${p.httpGet.path} is not installed`)
})

pods("the kubelet's anonymous probes are authenticated and allowed by the default authorization", () => {
  assert.is(options.authentication.anonymousAuth, true)
  assert.equal([options.authorization.modes, options.authorization.policyFile], [['RBAC'], ''])
  const authorize = rbacAuthorizer(withBootstrapPolicy(noRbacObjects))
  const ask = (path: string) =>
    authorize({
      user: anonymousUser,
      verb: 'get',
      isResourceRequest: false,
      path,
      namespace: '',
      apiGroup: '',
      apiVersion: '',
      resource: '',
      subresource: '',
      name: '',
    })
  for (const [, p] of probes()) assert.is(ask(p.httpGet.path).decision, 'Allow')
  assert.is(ask('/metrics').decision, 'NoOpinion')
})

const mounts = suite('mounts')

/** The volume mount holding `file`, and its volume. */
const mountOf = (file: string): { mount: any; volume: any } | undefined => {
  const mount = container.volumeMounts.find((m: any) => file.startsWith(`${m.mountPath}/`))
  return mount === undefined ? undefined : { mount, volume: pod.volumes.find((v: any) => v.name === mount.name) }
}

mounts('every file in the args is on a read-only mount of a Secret that has that key', () => {
  const files = args.map((a) => flagOf(a)?.value ?? '').filter((v) => v.startsWith('/'))
  assert.ok(files.length >= 3, 'the serving pair and the token file')
  for (const file of files) {
    const at = mountOf(file)
    assert.ok(at?.volume?.secret !== undefined, `${file} is not on a Secret volume`)
    assert.is(at.mount.readOnly, true)
    const secret = only(manifests, 'Secret', at.volume.secret.secretName)
    const keys = Object.keys({ ...secret.data, ...secret.stringData })
    assert.ok(keys.includes(file.slice(at.mount.mountPath.length + 1)), `${file} is not a key of Secret ${secret.metadata.name}`)
  }
})

mounts('the server writes nothing on the read-only root: no self-signed pair, audit log or kubeconfig; /tmp is an emptyDir', () => {
  assert.is(options.completed.servingCert.selfSigned, false)
  assert.is(options.audit.logPath, '')
  assert.is(cli.writeKubeconfig, '')
  assert.ok(mountOf('/tmp/x')?.volume?.emptyDir !== undefined)
})

const around = suite('service, budget and policy')

const labels: Record<string, string> = deployment.spec.template.metadata.labels
const selects = (selector: Record<string, string>): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v)

around("select the Deployment's pods", () => {
  assert.ok(selects(deployment.spec.selector.matchLabels))
  assert.ok(selects(only(manifests, 'Service', 'kubechain').spec.selector))
  assert.ok(selects(only(manifests, 'PodDisruptionBudget', 'kubechain').spec.selector.matchLabels))
  assert.ok(selects(only(manifests, 'NetworkPolicy', 'kubechain').spec.podSelector.matchLabels))
})

around("the Service's targetPort and the policy's port are the secure port", () => {
  const service = only(manifests, 'Service', 'kubechain')
  assert.equal(
    service.spec.ports.map((p: any) => containerPort(p.targetPort)),
    [options.secureServing.bindPort],
  )
  const policy = only(manifests, 'NetworkPolicy', 'kubechain')
  assert.equal(
    policy.spec.ingress.flatMap((r: any) => r.ports.map((p: any) => containerPort(p.port))),
    [options.secureServing.bindPort],
  )
})

around('kustomization.yaml lists files that exist, without the placeholder Secrets', () => {
  const k = only(manifests, 'Kustomization')
  for (const f of k.resources) assert.ok(existsSync(join(manifestDir, f)), `${f} does not exist`)
  assert.not.ok(k.resources.includes('secret.yaml'))
  assert.ok(k.resources.includes('deployment.yaml'))
})

flags.run()
grace.run()
pods.run()
mounts.run()
around.run()
