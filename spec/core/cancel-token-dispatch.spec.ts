import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newCancelSource } from '../../src/core/index.js'

const test = suite('cancel token dispatch')

test('every listener hears the cancellation when an earlier one unsubscribes itself', () => {
  const source = newCancelSource()
  const heard: string[] = []
  const first = source.token.onCancel(() => {
    heard.push('first')
    first()
  })
  source.token.onCancel(() => heard.push('second'))
  source.token.onCancel(() => heard.push('third'))
  source.cancel(new Error('deadline'))
  assert.equal(heard, ['first', 'second', 'third'])
})

test('a listener unsubscribed by an earlier one during the dispatch still hears it once', () => {
  const source = newCancelSource()
  const heard: string[] = []
  let unsubscribeSecond = (): void => undefined
  source.token.onCancel(() => {
    heard.push('first')
    unsubscribeSecond()
  })
  unsubscribeSecond = source.token.onCancel(() => heard.push('second'))
  source.cancel(new Error('deadline'))
  assert.equal(heard, ['first', 'second'])
})

test.run()
