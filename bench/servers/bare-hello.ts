// What every bare baseline answers: `hello` with exactly the headers the kubechain adapter writes for it.
import type { OutgoingHttpHeaders } from 'node:http'

const headers: OutgoingHttpHeaders = { 'content-type': 'text/plain; charset=utf-8', 'content-length': '5' }

/** What the bare listeners need of node's response (node:http, node:https, node:http2's compatibility API). */
interface HelloResponse {
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown
  end(body: string): unknown
}

/** The hello listener written by hand on node's response, for the bare baselines. */
export const bareHello = (_req: unknown, res: HelloResponse): void => {
  res.writeHead(200, headers)
  res.end('hello')
}
