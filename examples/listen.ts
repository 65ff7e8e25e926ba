// Starts a node server on 127.0.0.1 and gives back its port and a way to stop it.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'

/** A started example: the port it listens on and how to stop it. */
export interface Running {
  readonly port: number
  close(): Promise<void>
}

/** Listens on `127.0.0.1:port` (0 picks a free port). */
export const listen = (server: Server, port: number): Promise<Running> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve({ port: (server.address() as AddressInfo).port, close: () => closeServer(server) })
    })
  })

/** Stops accepting connections, closes idle keep-alive ones, and resolves when the server closed. */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()))
    server.closeIdleConnections()
  })

/** True when the module at `url` is the program node was asked to run. */
export const isMain = (url: string): boolean => process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href

/** Starts an example from the command line on `PORT` (default 8080) and prints where it listens. */
export const main = async (name: string, start: (port: number) => Promise<Running>): Promise<void> => {
  const running = await start(Number(process.env['PORT'] ?? 8080))
  console.log(`${name} listening on http://127.0.0.1:${running.port}/`)
}
