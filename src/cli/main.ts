#!/usr/bin/env node
import { setupSignalHandler } from '../lifecycle/signal-handler.js'
import { command } from './command.js'
import { runServe } from './serve-command.js'
import { versionSource, versionText } from './version-flag.js'

const cmd = command(process.argv.slice(2))
if (cmd._tag === 'Serve') {
  const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text)
  process.exitCode = await runServe(cmd.argv, {
    out: write(process.stdout),
    err: write(process.stderr),
    stop: () => setupSignalHandler(),
    terminal: process.stdout.isTTY === true,
  })
} else if (cmd._tag === 'Version') {
  process.stdout.write(versionText(cmd.request, versionSource()))
} else {
  process.stdout.write(cmd.result.stdout)
  process.stderr.write(cmd.result.stderr)
  process.exitCode = cmd.result.code
}
