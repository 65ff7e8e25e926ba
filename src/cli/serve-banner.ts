import * as E from 'fp-ts/lib/Either.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import type { Serving } from '../serve/serving.js'
import type { AdminTokenPlan } from './admin-token-plan.js'
import type { CliSettings } from './flags/flag-table-client.js'
import { type KubeconfigLines, announceKubeconfig } from './kubeconfig-announce.js'
import { serverUrl } from './kubeconfig.js'
import { writePrivateFile } from './private-file.js'

/** The generated admin token (`undefined` with `--token-auth-file`) and where it goes. */
export interface BannerToken {
  readonly token: string | undefined
  readonly plan: AdminTokenPlan
}

/**
 * What `kubechain serve` prints once it listens: where, with which certificate, and how to reach it. It
 * writes the kubeconfig and the admin token file first, and says where they went; the generated token
 * itself is printed, once, only when `plan.print` (a terminal, no file asked for).
 * @example
 * declare const serving: Serving
 * declare const options: Parameters<typeof banner>[1]
 * const cli = { writeKubeconfig: '', adminTokenFile: '' }
 * process.stdout.write(banner(serving, options, cli, { token: 'c0ffee', plan: { file: undefined, print: true } }))
 */
export const banner = (s: Serving, o: CompletedOptions, cli: CliSettings, t: BannerToken): string => {
  const url = serverUrl(s.address.host, s.address.port)
  const cert = o.completed.servingCert.selfSigned
    ? `self-signed, kept in ${o.secureServing.certDir || 'memory'} (use curl -k, or trust its CA)`
    : o.secureServing.certFile
  const kubeconfig: KubeconfigLines | undefined =
    cli.writeKubeconfig === ''
      ? undefined
      : announceKubeconfig({
          file: cli.writeKubeconfig,
          server: url,
          certFile: o.completed.servingCert.certFile,
          token: t.token,
          tokenAuthFile: o.authentication.tokenAuthFile,
        })
  const tokenFile = t.token === undefined || t.plan.file === undefined ? undefined : announceTokenFile(t.plan.file, t.token)
  const auth = [...(kubeconfig?.auth ?? []), ...(tokenFile?.auth ?? [])]
  const bearer = tokenFile?.bearer ?? (t.token !== undefined && t.plan.print ? t.token : '<token>')
  return [
    `kubechain is serving on ${url} (HTTP/2 and HTTP/1.1)`,
    `  serving certificate: ${cert}`,
    ...tracingLine(o.traces.configFile),
    ...(auth.length > 0 ? auth : [tokenLine(o, t.token)]),
    '  try:',
    ...(kubeconfig?.tryLines ?? []),
    `    curl -k '${url}/readyz?verbose'`,
    ...(kubeconfig === undefined ? [`    curl -k -H "Authorization: Bearer ${bearer}" ${url}/api/v1/namespaces/default/configmaps`] : []),
    '  stop with SIGTERM or Ctrl-C (graceful); a second signal exits at once',
    '',
  ].join('\n')
}

/** Writes the token file (0600) and says where it is, or why it is not there; `bearer` reads it in a shell. */
const announceTokenFile = (file: string, token: string): { readonly auth: ReadonlyArray<string>; readonly bearer: string } => {
  const written = writePrivateFile(file, `${token}\n`)
  return E.isLeft(written)
    ? {
        auth: [
          `  admin token NOT written to ${file}: ${written.left.message}`,
          '  (the admin token is printed nowhere: fix the path and restart)',
        ],
        bearer: '<token>',
      }
    : {
        auth: [`  admin token (user kubechain-admin, group system:masters) written to ${file} (mode 0600), printed nowhere`],
        bearer: `$(cat ${shellWord(file)})`,
      }
}

/** A path as one shell word: as it is when it has only safe characters, else in single quotes. */
const shellWord = (path: string): string => (/^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`)

const tracingLine = (file: string): ReadonlyArray<string> => (file === '' ? [] : [`  tracing: spans sent over OTLP gRPC as ${file} says`])

const tokenLine = (o: CompletedOptions, token: string | undefined): string =>
  token === undefined
    ? `  authenticate with a token from ${o.authentication.tokenAuthFile || 'your token file'} or a client certificate`
    : `  admin token (user kubechain-admin, group system:masters; printed only now):\n    ${token}`
