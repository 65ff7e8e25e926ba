export { type StepDescription, describe } from './describe.js'
export { type ChainError, type ChainEdit, chainErrorMessage, insertBefore, insertAfter, replace, without } from './edit-chain.js'
export { type OrderViolation, checkChain, violationMessage } from './check-chain.js'
