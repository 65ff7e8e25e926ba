// End to end: the real kubectl (on PATH) against `kubechain serve`, through the kubeconfig that
// --write-kubeconfig wrote (self-signed CA, generated admin token). One server for the suite; every kubectl
// command runs on its own, in order, killed after 20 s. Without kubectl the suite says so loudly and
// registers nothing, unless KUBECHAIN_REQUIRE_KUBECTL=1 makes that a failure.
import * as fs from 'node:fs'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type KubectlResult, findKubectl, kubectlPlan, kubectlSkipBanner, runKubectl, startKubectl } from '../support/kubectl.js'
import { type KubeconfigServer, api, seedConfigMap, startWithKubeconfig, stopWithKubeconfig } from '../support/kubectl-server.js'

const bin = findKubectl()
const plan = kubectlPlan(bin)
const packageVersion = (createRequire(import.meta.url)('../../package.json') as { version: string }).version
const test = suite('kubectl against kubechain serve')

let server: KubeconfigServer | undefined
let startError: unknown

/** The server, or the reason it did not start (uvu hides errors thrown in `before`, so each test rethrows it). */
const up = (): KubeconfigServer => {
  if (server === undefined)
    throw new Error(`kubechain serve did not start: ${startError instanceof Error ? startError.stack : String(startError)}`)
  return server
}

const kubectl = (args: ReadonlyArray<string>, o: { env?: Record<string, string>; input?: string } = {}): Promise<KubectlResult> => {
  const s = up()
  return runKubectl(bin ?? 'kubectl', args, { kubeconfig: s.kubeconfig, cacheDir: s.cacheDir, ...o })
}

/** Asserts a command succeeded, showing what it printed when it did not. */
const ok = (r: KubectlResult): KubectlResult => {
  assert.is(r.code, 0, `exit ${r.code}${r.timedOut ? ' (killed after 20 s)' : ''}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`)
  return r
}

const configMap = async (name: string): Promise<{ status: number; data: unknown; labels: unknown }> => {
  const r = await api(up(), 'GET', `/api/v1/namespaces/default/configmaps/${name}`)
  const body = r.body as { data?: unknown; metadata?: { labels?: unknown } }
  return { status: r.status, data: body.data, labels: body.metadata?.labels }
}

const file = (name: string, text: string, mode = 0o644): string => {
  const p = path.join(up().dir, name)
  fs.writeFileSync(p, text, { mode })
  return p
}

if (plan === 'skip') process.stderr.write(kubectlSkipBanner('spec/e2e/kubectl.spec.ts'))

if (plan === 'fail') {
  test('kubectl is on PATH (KUBECHAIN_REQUIRE_KUBECTL=1)', () => {
    assert.unreachable('no kubectl on PATH, and KUBECHAIN_REQUIRE_KUBECTL=1 requires one')
  })
}

if (plan === 'run') {
  test.before(async () => {
    try {
      server = await startWithKubeconfig()
    } catch (e) {
      startError = e
      process.stderr.write(`\n!!! spec/e2e/kubectl.spec.ts: kubechain serve did not start: ${e instanceof Error ? e.message : String(e)}\n`)
    }
  })
  test.after(() => stopWithKubeconfig(server))

  test("version: the server is Kubernetes 1.32 with kubechain's build, and kubectl warns of no skew", async () => {
    const r = ok(await kubectl(['version']))
    assert.match(r.stdout, `\nServer Version: v1.32.0+kubechain-${packageVersion}\n`, r.stdout)
    assert.not.match(r.stdout + r.stderr, 'WARNING', r.stdout + r.stderr)
  })

  test("get --raw /readyz?verbose lists every check, APF's post-start hook among them", async () => {
    const r = ok(await kubectl(['get', '--raw', '/readyz?verbose']))
    assert.is(
      r.stdout,
      '[+]ping ok\n[+]log ok\n[+]poststarthook/priority-and-fairness-config-consumer ok\n[+]shutdown ok\nreadyz check passed\n',
    )
  })

  test('auth whoami: the generated admin and its groups', async () => {
    const r = ok(await kubectl(['auth', 'whoami']))
    assert.is(r.stdout, 'ATTRIBUTE   VALUE\nUsername    kubechain-admin\nGroups      [system:masters system:authenticated]\n')
  })

  test('auth can-i: yes for the admin (exit 0), no for bob (exit 1)', async () => {
    const yes = ok(await kubectl(['auth', 'can-i', 'create', 'configmaps']))
    assert.is(yes.stdout, 'yes\n')
    const no = await kubectl(['auth', 'can-i', 'create', 'configmaps', '--as', 'bob'])
    assert.equal([no.code, no.stdout], [1, 'no\n'], no.stderr)
  })

  test('api-resources lists configmaps with its short name', async () => {
    const r = ok(await kubectl(['api-resources']))
    assert.match(r.stdout, /^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND\n/, r.stdout)
    assert.match(r.stdout, /\nconfigmaps +cm +v1 +true +ConfigMap\n/, r.stdout)
  })

  test('create configmap stores it', async () => {
    const r = ok(await kubectl(['create', 'configmap', 'e2e-created', '--from-literal=a=1', '--from-literal=b=two']))
    assert.is(r.stdout, 'configmap/e2e-created created\n')
    const stored = await configMap('e2e-created')
    assert.equal([stored.status, stored.data], [200, { a: '1', b: 'two' }])
  })

  test('get -o jsonpath reads one field', async () => {
    await seedConfigMap(up(), 'e2e-jsonpath', { greeting: 'hello' })
    const r = ok(await kubectl(['get', 'configmap', 'e2e-jsonpath', '-o', 'jsonpath={.data.greeting}']))
    assert.is(r.stdout, 'hello')
  })

  test("get prints the server's Table: NAME, DATA, AGE", async () => {
    await seedConfigMap(up(), 'e2e-table', { a: '1', b: '2' })
    const r = ok(await kubectl(['get', 'configmap', 'e2e-table']))
    assert.match(r.stdout, /^NAME {8}DATA {3}AGE\ne2e-table {3}2 {6}\d+s\n$/, r.stdout)
  })

  test('get -w prints a configmap another client creates', async () => {
    const s = up()
    const watch = startKubectl(bin ?? 'kubectl', ['get', 'configmaps', '-w'], { kubeconfig: s.kubeconfig, cacheDir: s.cacheDir })
    try {
      await watch.waitFor('NAME', 10_000)
      await seedConfigMap(s, 'e2e-watched', { a: '1' })
      const row = /\ne2e-watched +1 +\d+s\n/
      await watch.waitFor(row, 10_000) // the whole row: kubectl may flush it in pieces
      assert.match(watch.output(), row, watch.output())
    } finally {
      await watch.stop()
    }
  })

  test('label adds a label that a selector then finds', async () => {
    await seedConfigMap(up(), 'e2e-labeled', { a: '1' })
    assert.is(ok(await kubectl(['label', 'configmap', 'e2e-labeled', 'team=blue'])).stdout, 'configmap/e2e-labeled labeled\n')
    assert.equal((await configMap('e2e-labeled')).labels, { team: 'blue' })
    assert.is(ok(await kubectl(['get', 'configmaps', '-l', 'team=blue', '-o', 'name'])).stdout, 'configmap/e2e-labeled\n')
  })

  test('apply -f creates, then a second apply updates a key and adds one', async () => {
    const manifest = (data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e2e-applied\ndata:\n${data}`
    const first = file('applied-1.yaml', manifest('  a: "1"\n'))
    assert.is(ok(await kubectl(['apply', '-f', first])).stdout, 'configmap/e2e-applied created\n')
    const second = file('applied-2.yaml', manifest('  a: "2"\n  b: "3"\n'))
    assert.is(ok(await kubectl(['apply', '-f', second])).stdout, 'configmap/e2e-applied configured\n')
    assert.equal((await configMap('e2e-applied')).data, { a: '2', b: '3' })
  })

  test('edit through KUBE_EDITOR: the rewritten file is saved', async () => {
    await seedConfigMap(up(), 'e2e-edited', { mode: 'before' })
    const editor = file('editor.sh', '#!/bin/sh\nsed -i "s/mode: before/mode: after/" "$1"\n', 0o755)
    const r = ok(await kubectl(['edit', 'configmap', 'e2e-edited'], { env: { KUBE_EDITOR: editor, EDITOR: editor } }))
    assert.is(r.stdout, 'configmap/e2e-edited edited\n')
    assert.equal((await configMap('e2e-edited')).data, { mode: 'after' })
  })

  test('patch --type=json applies the operations', async () => {
    await seedConfigMap(up(), 'e2e-json-patched', { a: '1' })
    const ops = '[{"op":"replace","path":"/data/a","value":"2"},{"op":"add","path":"/data/b","value":"3"}]'
    assert.is(
      ok(await kubectl(['patch', 'configmap', 'e2e-json-patched', '--type=json', '-p', ops])).stdout,
      'configmap/e2e-json-patched patched\n',
    )
    assert.equal((await configMap('e2e-json-patched')).data, { a: '2', b: '3' })
  })

  test('patch --type=merge merges, null removes a key', async () => {
    await seedConfigMap(up(), 'e2e-merge-patched', { a: '1', gone: 'x' })
    const r = ok(await kubectl(['patch', 'configmap', 'e2e-merge-patched', '--type=merge', '-p', '{"data":{"b":"2","gone":null}}']))
    assert.is(r.stdout, 'configmap/e2e-merge-patched patched\n')
    assert.equal((await configMap('e2e-merge-patched')).data, { a: '1', b: '2' })
  })

  test('create --dry-run=server answers as created and stores nothing', async () => {
    const r = ok(await kubectl(['create', 'configmap', 'e2e-dry', '--from-literal=a=1', '--dry-run=server']))
    assert.is(r.stdout, 'configmap/e2e-dry created (server dry run)\n')
    assert.is((await configMap('e2e-dry')).status, 404)
  })

  test('explain configmap reads the published OpenAPI', async () => {
    const r = ok(await kubectl(['explain', 'configmap']))
    assert.ok(
      r.stdout.startsWith(
        'KIND:       ConfigMap\nVERSION:    v1\n\nDESCRIPTION:\n    ConfigMap holds configuration data for pods to consume.',
      ),
      r.stdout,
    )
    assert.match(r.stdout, '\n  data\t<map[string]string>\n', r.stdout)
  })

  test('describe configmap prints its name, labels and data', async () => {
    await seedConfigMap(up(), 'e2e-described', { greeting: 'hello' }, { team: 'blue' })
    const r = ok(await kubectl(['describe', 'configmap', 'e2e-described']))
    assert.ok(
      r.stdout.startsWith(
        'Name:         e2e-described\nNamespace:    default\nLabels:       team=blue\nAnnotations:  <none>\n\nData\n====\ngreeting:\n----\nhello\n',
      ),
      r.stdout,
    )
    assert.match(r.stdout, /\nEvents: +<none>\n$/, r.stdout)
  })

  test('delete removes it', async () => {
    await seedConfigMap(up(), 'e2e-deleted', { a: '1' })
    // Newer kubectl releases may name the namespace too (`... deleted from default namespace`).
    const r = ok(await kubectl(['delete', 'configmap', 'e2e-deleted']))
    assert.match(r.stdout, /^configmap "e2e-deleted" deleted( from default namespace)?\n$/, r.stdout)
    assert.is((await configMap('e2e-deleted')).status, 404)
  })

  test('apply --server-side creates, re-applies, conflicts with another manager, and --force-conflicts takes the field', async () => {
    const manifest = (value: string): string =>
      file(`ssa-${value}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e2e-ssa\ndata:\n  a: "${value}"\n`)
    assert.is(ok(await kubectl(['apply', '--server-side', '-f', manifest('1')])).stdout, 'configmap/e2e-ssa serverside-applied\n')
    assert.is(ok(await kubectl(['apply', '--server-side', '-f', manifest('2')])).stdout, 'configmap/e2e-ssa serverside-applied\n')
    const clash = await kubectl(['apply', '--server-side', '--field-manager', 'other', '-f', manifest('3')])
    assert.is(clash.code, 1)
    assert.match(clash.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.data\.a/, clash.stderr)
    ok(await kubectl(['apply', '--server-side', '--field-manager', 'other', '--force-conflicts', '-f', manifest('3')]))
    assert.equal((await configMap('e2e-ssa')).data, { a: '3' })
    const fields = ok(
      await kubectl(['get', 'configmap', 'e2e-ssa', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}']),
    )
    assert.is(fields.stdout, 'other')
  })

  test('auth can-i --list prints the rules of the admin', async () => {
    const r = ok(await kubectl(['auth', 'can-i', '--list']))
    assert.match(r.stdout, /^Resources +Non-Resource URLs +Resource Names +Verbs\n\*\.\* +\[\] +\[\] +\[\*\]\n/, r.stdout)
  })

  test("create -f with an unknown field: kubectl's strict validation gets upstream's 400 and nothing is stored", async () => {
    const bad = file('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e2e-strict\ndataa:\n  a: "1"\n')
    const r = await kubectl(['create', '-f', bad])
    assert.is(r.code, 1)
    assert.match(r.stderr, /strict decoding error: unknown field "dataa"/, r.stderr)
    assert.is((await configMap('e2e-strict')).status, 404)
  })

  test('get -o yaml prints the stored object with its server fields', async () => {
    await seedConfigMap(up(), 'e2e-yaml', { k: 'v' })
    const r = ok(await kubectl(['get', 'configmap', 'e2e-yaml', '-o', 'yaml']))
    assert.match(
      r.stdout,
      /^apiVersion: v1\ndata:\n {2}k: v\nkind: ConfigMap\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}name: e2e-yaml\n {2}namespace: default\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]{36}\n$/,
      r.stdout,
    )
  })

  test('delete --dry-run=server answers as deleted and keeps the object', async () => {
    await seedConfigMap(up(), 'e2e-dry-delete', { a: '1' })
    const r = ok(await kubectl(['delete', 'configmap', 'e2e-dry-delete', '--dry-run=server']))
    assert.match(r.stdout, /^configmap "e2e-dry-delete" deleted \(server dry run\)/, r.stdout)
    assert.is((await configMap('e2e-dry-delete')).status, 200)
  })

  test('diff shows the change a server-side dry run would make; replace then makes it', async () => {
    await seedConfigMap(up(), 'e2e-diffed', { a: '1' })
    const next = file(
      'diffed.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e2e-diffed\n  namespace: default\ndata:\n  a: "2"\n',
    )
    const diff = await kubectl(['diff', '-f', next])
    assert.is(diff.code, 1, `kubectl diff exits 1 when there are differences\n${diff.stderr}`)
    assert.match(diff.stdout, /\n- {2}a: "1"\n\+ {2}a: "2"\n/, diff.stdout)
    assert.equal((await configMap('e2e-diffed')).data, { a: '1' }, 'the dry run stored nothing')
    assert.is(ok(await kubectl(['replace', '-f', next])).stdout, 'configmap/e2e-diffed replaced\n')
    assert.equal((await configMap('e2e-diffed')).data, { a: '2' })
  })

  test("--as bob is forbidden with upstream's message", async () => {
    const r = await kubectl(['get', 'configmaps', '--as', 'bob'])
    assert.is(r.code, 1)
    assert.is(
      r.stderr,
      'Error from server (Forbidden): configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "default"\n',
    )
  })
}

test.run()
