// A helper process for `npm run bench:scale`: opens IDLE_COUNT keep-alive connections to
// 127.0.0.1:IDLE_PORT, sends one request on each (so each is a real HTTP/1.1 keep-alive connection),
// then leaves them idle. A connection the server closes is opened again. Every second it prints
// `open <n> reopened <k> failed <f>[ <last error>]` when that changed; the first line comes once all were tried.
import { type Socket, connect } from 'node:net'

const port = Number(process.env['IDLE_PORT'])
const count = Number(process.env['IDLE_COUNT'])
const request = Buffer.from(
  `GET ${process.env['IDLE_PATH'] ?? '/'} HTTP/1.1\r\nhost: 127.0.0.1\r\n${process.env['IDLE_HEADERS'] ?? ''}\r\n`,
)
const batch = 200

let open = 0
let reopened = 0
let failed = 0
let lastError = ''
let stopping = false

/** Opens one connection, sends the request, and reopens it if the server closes it. */
const hold = (): Promise<void> =>
  new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1')
    let up = false
    socket.setNoDelay(true)
    socket.once('connect', () => {
      up = true
      open++
      socket.write(request)
      resolve()
    })
    socket.on('data', () => undefined)
    socket.once('error', (e: NodeJS.ErrnoException) => {
      lastError = e.code ?? e.message
      if (!up) failed++, resolve()
    })
    socket.once('close', () => {
      if (!up) return
      open--
      if (!stopping) reopened++, void hold()
    })
  })

for (let i = 0; i < count; i += batch) await Promise.all(Array.from({ length: Math.min(batch, count - i) }, hold))
let last = ''
const report = (): void => {
  const line = `open ${open} reopened ${reopened} failed ${failed}${lastError === '' ? '' : ` ${lastError}`}`
  if (line !== last) process.stdout.write(`${line}\n`), (last = line)
}
report()
setInterval(report, 1000)
process.once('SIGTERM', () => {
  stopping = true
  process.exit(0)
})
