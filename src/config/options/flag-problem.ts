import type { Problem } from '../problems.js'

/** A problem about the flag `--<name>`: its path is the flag, so the reporter sorts problems by flag name. */
export const flagProblem = (name: string, message: string): Problem => ({ path: `--${name}`, message })
