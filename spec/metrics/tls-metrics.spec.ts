import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { tlsHandshakeErrorsHelp, tlsMetrics } from '../../src/metrics/tls-metrics.js'
import { family, scrape, valueOf } from './scrape.js'

const s = suite('tlsMetrics')

s('apiserver_tls_handshake_errors_total shows 0 from the start and counts each error', async () => {
  const registry = new Registry()
  const m = tlsMetrics(registry)
  const before = await scrape(registry)
  assert.is(family(before, 'apiserver_tls_handshake_errors_total').help, tlsHandshakeErrorsHelp)
  assert.is(family(before, 'apiserver_tls_handshake_errors_total').type, 'COUNTER')
  assert.is(family(before, 'apiserver_tls_handshake_errors_total').metrics[0]?.value, '0')
  m.handshakeError()
  m.handshakeError()
  assert.is(valueOf(await scrape(registry), 'apiserver_tls_handshake_errors_total'), 2)
  assert.is(tlsHandshakeErrorsHelp, "[ALPHA] Number of requests dropped with 'TLS handshake error from' error")
})

s.run()
