// ConfigMaps of namespace default, the objects the rows write, list and watch.

/** The ConfigMaps collection of namespace default. */
export const configMapsPath = '/api/v1/namespaces/default/configmaps'

/** A ConfigMap named `name` in `default` whose one data value `k0` is `bytes` x's. */
export const configMap = (name: string, bytes: number): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { k0: 'x'.repeat(bytes) } })
