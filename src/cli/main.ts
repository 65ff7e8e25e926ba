#!/usr/bin/env node
import { command } from './command.js'

const result = command(process.argv.slice(2))
process.stdout.write(result.stdout)
process.stderr.write(result.stderr)
process.exitCode = result.code
