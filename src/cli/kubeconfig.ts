import { stringify } from 'yaml'

/** What a kubeconfig for one kubechain server says: its URL, the CA to trust (PEM) when known, the admin token when one was made. */
export interface KubeconfigFor {
  /** The server's URL as the banner prints it, `https://127.0.0.1:6443`. */
  readonly server: string
  /** The PEM of the CA that signed the serving certificate; `undefined` leaves `certificate-authority-data` out. */
  readonly caPem: string | undefined
  /** The generated admin token; `undefined` writes a user without credentials. */
  readonly token: string | undefined
}

/**
 * The names in the kubeconfig: cluster and context `kubechain`; the user is `kubechain-admin` (the
 * generated token's user) or, without a token, `kubechain`.
 */
export const kubeconfigNames = { cluster: 'kubechain', context: 'kubechain', admin: 'kubechain-admin', user: 'kubechain' } as const

/**
 * A kubeconfig (`apiVersion: v1`, `kind: Config`) as YAML, its keys in the order `kubectl config view`
 * prints them: one cluster with the server and the base64 of the CA's PEM, one context, current-context
 * set, one user with the token.
 * @example
 * kubeconfigYaml({ server: 'https://127.0.0.1:6443', caPem: undefined, token: 'abc' })
 */
export const kubeconfigYaml = (k: KubeconfigFor): string => {
  const user = k.token === undefined ? kubeconfigNames.user : kubeconfigNames.admin
  const ca = k.caPem === undefined ? {} : { 'certificate-authority-data': Buffer.from(k.caPem, 'utf8').toString('base64') }
  return stringify({
    apiVersion: 'v1',
    clusters: [{ cluster: { ...ca, server: k.server }, name: kubeconfigNames.cluster }],
    contexts: [{ context: { cluster: kubeconfigNames.cluster, user }, name: kubeconfigNames.context }],
    'current-context': kubeconfigNames.context,
    kind: 'Config',
    preferences: {},
    users: [{ name: user, user: k.token === undefined ? {} : { token: k.token } }],
  })
}

/** The URL of a server bound to `host:port`: an unspecified bind address (all interfaces) is reached on 127.0.0.1; IPv6 in brackets. */
export const serverUrl = (host: string, port: number): string => {
  const reach = host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `https://${reach.includes(':') ? `[${reach}]` : reach}:${port}`
}
