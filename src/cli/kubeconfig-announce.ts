import * as E from 'fp-ts/lib/Either.js'
import { servingCaPem } from './kubeconfig-ca.js'
import { writeKubeconfig } from './kubeconfig-file.js'
import { kubeconfigNames, kubeconfigYaml } from './kubeconfig.js'

/** What `--write-kubeconfig` writes from: the file, the server's URL, the serving certificate file, and the credentials. */
export interface KubeconfigRequest {
  readonly file: string
  readonly server: string
  /** The serving certificate's file (`''` when kept in memory); its CA goes into the kubeconfig. */
  readonly certFile: string
  /** The generated admin token, or `undefined` when `--token-auth-file` holds the tokens. */
  readonly token: string | undefined
  readonly tokenAuthFile: string
}

/** The banner's lines about the kubeconfig: who it authenticates as, and the commands to try. */
export interface KubeconfigLines {
  readonly auth: ReadonlyArray<string>
  readonly tryLines: ReadonlyArray<string>
}

/**
 * Writes the kubeconfig of a server that now listens and says what it holds, for the banner: its user
 * (the generated admin, whose token is in that file only, or a user without credentials), and what the
 * reader must add when the serving certificate's CA is unknown or the write failed.
 * @example
 * const lines = announceKubeconfig({ file: 'kubeconfig', server: 'https://127.0.0.1:6443', certFile: 'certs/apiserver.crt', token: 'admin-token', tokenAuthFile: '' })
 */
export const announceKubeconfig = (r: KubeconfigRequest): KubeconfigLines => {
  const ca = servingCaPem(r.certFile)
  const written = writeKubeconfig(r.file, kubeconfigYaml({ server: r.server, caPem: E.isRight(ca) ? ca.right : undefined, token: r.token }))
  if (E.isLeft(written))
    return {
      auth: [
        `  kubeconfig NOT written to ${r.file}: ${written.left.message}`,
        '  (the admin token is printed nowhere: fix the path and restart)',
      ],
      tryLines: [],
    }
  const user =
    r.token === undefined
      ? `  kubeconfig written to ${r.file}; its user ${kubeconfigNames.user} has no credentials: add a token from ${r.tokenAuthFile || 'your token file'} with\n` +
        `    kubectl --kubeconfig ${r.file} config set-credentials ${kubeconfigNames.user} --token=<token>`
      : `  kubeconfig written to ${r.file} (user ${kubeconfigNames.admin}, group system:masters; the admin token is only there)`
  const caNote = E.isLeft(ca) ? [`  its cluster has no certificate-authority-data: ${ca.left}; ${caAdvice(r)}`] : []
  return { auth: [user, ...caNote], tryLines: [`    kubectl --kubeconfig ${r.file} get configmaps`] }
}

/** How to get a CA into the kubeconfig: keep the self-signed one in a file, or add your own. */
const caAdvice = (r: KubeconfigRequest): string =>
  r.certFile === ''
    ? 'serve with --cert-dir to keep it in a file, so the kubeconfig can carry it'
    : `add the CA with\n    kubectl --kubeconfig ${r.file} config set-cluster ${kubeconfigNames.cluster} --certificate-authority=<ca.crt> --embed-certs`
