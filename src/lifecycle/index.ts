export { type Latch, newLatch } from './latch.js'
