// Row "secure chain, audit Metadata": as "secure chain", with an audit policy of level Metadata for every
// request and the log backend (a file in the temp dir) behind upstream's batching backend. The throttle
// is off (`--audit-log-batch-throttle-enable=false`): with upstream's 10 batches/s a load test only
// measures how fast the buffer fills and drops.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { batchDefaults, bufferedBackend, logBackend, logBackendDefaults, parsePolicy, policyEvaluator } from '../../src/audit/index.js'
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { defaultDeps } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { hello, serve } from './hello-server.js'
import { defaultConfig, secureParts } from './secure-parts.js'

const dir = mkdtempSync(join(tmpdir(), 'kubechain-bench-audit-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
process.once('SIGTERM', () => process.exit(0)) // the bench stops servers with SIGTERM, whose default action skips 'exit' handlers
const policy = parsePolicy('{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"Metadata"}]}')
if (E.isLeft(policy)) throw new Error('bench audit policy does not parse')
const log = logBackend({ ...logBackendDefaults, path: join(dir, 'audit.log'), maxSizeMB: 50, maxBackups: 1 }, defaultDeps)
const backend = bufferedBackend({ ...batchDefaults, throttleEnable: false }, log, defaultDeps)
const audit = { backend, policy: policyEvaluator(policy.right) }

await serve(toNodeListener(buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), { ...secureParts(), audit })))
