// Row "bare node:http + 2 µs of work": the bare hello after a 2 µs busy loop per request. It shows how
// steeply this machine's ratios fall with a little CPU per request: any chain's cost reads against it.
import { bareHello } from './bare-hello.js'
import { serve } from './hello-server.js'

const busyMs = 0.002

await serve((req, res) => {
  const until = performance.now() + busyMs
  while (performance.now() < until) {
    // spin: stands for 2 µs of per-request work
  }
  bareHello(req, res)
})
