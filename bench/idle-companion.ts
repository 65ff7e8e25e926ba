// Starts bench/idle-connections.ts next to a scaling server, as a row's companion: waits until every
// connection was tried, keeps the helper's latest status line as the row's note, stops it with the server.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Companion, RowRequest } from './passes.js'
import { type ServerProcess, withNofile } from './server-process.js'

const helper = join(dirname(fileURLToPath(import.meta.url)), 'idle-connections.ts')

/** A companion holding `count` idle keep-alive connections to the row's server, each having sent `request` once. */
export const idleConnections =
  (count: number, request: RowRequest) =>
  (server: ServerProcess): Promise<Companion> => {
    const headers = Object.entries(request.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')
    const env = {
      ...process.env,
      IDLE_PORT: String(server.port),
      IDLE_COUNT: String(count),
      IDLE_PATH: request.path,
      IDLE_HEADERS: headers,
    }
    const [cmd, ...args] = withNofile([process.execPath, '--import', 'tsx', helper], count + 256)
    const child = spawn(cmd as string, args, { stdio: ['ignore', 'pipe', 'inherit'], env })
    let status: string | undefined
    return new Promise((resolve, reject) => {
      child.stdout.setEncoding('utf8')
      child.stdout.on('data', (chunk: string) => {
        const lines = chunk.trim().split('\n')
        const first = status === undefined
        status = lines[lines.length - 1]
        if (first) resolve(companion())
      })
      child.once('exit', (code) => status === undefined && reject(new Error(`idle-connections helper exited with ${code}`)))
    })

    function companion(): Companion {
      return {
        note: () => (status === undefined ? undefined : `${count.toLocaleString('en-US')} idle asked, helper: ${status}`),
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
          }),
      }
    }
  }
