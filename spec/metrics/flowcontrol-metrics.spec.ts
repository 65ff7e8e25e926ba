import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { flowcontrolMetrics, flowcontrolRejectReasons, flowcontrolWaitBuckets } from '../../src/metrics/flowcontrol-metrics.js'

const metrics = suite('flowcontrolMetrics')

metrics('records upstream’s series with their help, stability and labels, and samples the limits at scrape', async () => {
  const registry = new Registry()
  const m = flowcontrolMetrics(registry)
  const cells = m.flow('workload-low', 'service-accounts')
  cells.dispatched(0.01)
  cells.rejected('queue-full', undefined)
  cells.rejected('time-out', 2)
  cells.inQueue.value += 2
  cells.executing.value += 1
  cells.executingSeats.value += 3
  m.sampleLimits(() => [{ priorityLevel: 'workload-low', nominal: 245, current: 200 }])
  const text = await registry.metrics()
  const lines = [
    '# HELP apiserver_flowcontrol_rejected_requests_total [BETA] Number of requests rejected by API Priority and Fairness subsystem',
    'apiserver_flowcontrol_rejected_requests_total{flow_schema="service-accounts",priority_level="workload-low",reason="queue-full"} 1',
    'apiserver_flowcontrol_rejected_requests_total{flow_schema="service-accounts",priority_level="workload-low",reason="time-out"} 1',
    'apiserver_flowcontrol_dispatched_requests_total{flow_schema="service-accounts",priority_level="workload-low"} 1',
    'apiserver_flowcontrol_current_inqueue_requests{flow_schema="service-accounts",priority_level="workload-low"} 2',
    'apiserver_flowcontrol_current_executing_requests{flow_schema="service-accounts",priority_level="workload-low"} 1',
    'apiserver_flowcontrol_current_executing_seats{flow_schema="service-accounts",priority_level="workload-low"} 3',
    'apiserver_flowcontrol_request_wait_duration_seconds_bucket{execute="true",flow_schema="service-accounts",priority_level="workload-low",le="0.02"} 1',
    'apiserver_flowcontrol_request_wait_duration_seconds_bucket{execute="false",flow_schema="service-accounts",priority_level="workload-low",le="2"} 1',
    'apiserver_flowcontrol_request_wait_duration_seconds_bucket{execute="false",flow_schema="service-accounts",priority_level="workload-low",le="1"} 0',
    '# HELP apiserver_flowcontrol_nominal_limit_seats [BETA] Nominal number of execution seats configured for each priority level',
    'apiserver_flowcontrol_nominal_limit_seats{priority_level="workload-low"} 245',
    '# HELP apiserver_flowcontrol_current_limit_seats [ALPHA] current derived number of execution seats available to each priority level',
    'apiserver_flowcontrol_current_limit_seats{priority_level="workload-low"} 200',
  ]
  for (const line of lines) assert.ok(text.includes(line), line)
  assert.equal(flowcontrolWaitBuckets, [0, 0.005, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30])
  assert.equal(flowcontrolRejectReasons, ['concurrency-limit', 'queue-full', 'time-out', 'cancelled'])
})

metrics('a flow’s cells are the same cells however often they are asked for', async () => {
  const registry = new Registry()
  const m = flowcontrolMetrics(registry)
  m.flow('a', 'b').dispatched(0)
  m.flow('a', 'b').dispatched(0)
  assert.ok((await registry.metrics()).includes('apiserver_flowcontrol_dispatched_requests_total{flow_schema="b",priority_level="a"} 2'))
})

metrics.run()
