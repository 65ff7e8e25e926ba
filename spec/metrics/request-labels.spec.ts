import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { reportedDryRun, reportedVerb } from '../../src/metrics/index.js'
import { makeRequest } from '../support/request.js'
import { resourceInfo } from '../support/request-info.js'

const labels = suite('request labels')

labels('dry_run is empty without dryRun, the sorted distinct values when all are All, else invalid', () => {
  assert.is(reportedDryRun(makeRequest('/api/v1/pods')), '')
  assert.is(reportedDryRun(makeRequest('/api/v1/pods?dryRun=All&dryRun=All')), 'All')
  assert.is(reportedDryRun(makeRequest('/api/v1/pods?dryRun=Some')), 'invalid')
  assert.is(reportedDryRun(makeRequest('/api/v1/pods?dryRunX=1')), '')
})

labels('any query gives a dry_run label, never a throw', () => {
  fc.assert(
    fc.property(fc.string(), (q) => typeof reportedDryRun(makeRequest(`/api/v1/pods?dryRun=${encodeURIComponent(q)}`)) === 'string'),
  )
})

labels('verbs outside upstream’s list are other; legacy /watch/ paths are WATCH', () => {
  assert.is(reportedVerb(makeRequest('/api/v1/pods', { method: 'BREW' }), undefined), 'other')
  assert.is(reportedVerb(makeRequest('/api/v1/watch/pods'), resourceInfo('watch', 'pods')), 'WATCH')
  assert.is(reportedVerb(makeRequest('/api/v1/pods?watch=1'), resourceInfo('watch', 'pods')), 'WATCH')
})

labels.run()
