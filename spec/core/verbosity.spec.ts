import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { entryVerbosity, isLogged, newVerbosity, recordingLogger, withVerbosity } from '../../src/core/index.js'

const verbosity = suite('verbosity')

verbosity('info, warn and error default to V(0); debug to V(4); an explicit v wins', () => {
  assert.equal(
    [
      entryVerbosity({ level: 'info', msg: 'm' }),
      entryVerbosity({ level: 'warn', msg: 'm' }),
      entryVerbosity({ level: 'error', msg: 'm' }),
      entryVerbosity({ level: 'debug', msg: 'm' }),
      entryVerbosity({ level: 'debug', v: 5, msg: 'm' }),
      entryVerbosity({ level: 'info', v: 3, msg: 'm' }),
    ],
    [0, 0, 0, 4, 5, 3],
  )
})

verbosity('an entry is logged when its V level is at most the verbosity; V(0) always', () => {
  assert.equal(
    [
      isLogged({ level: 'info', v: 3, msg: 'm' }, 2),
      isLogged({ level: 'info', v: 3, msg: 'm' }, 3),
      isLogged({ level: 'info', msg: 'm' }, -1),
    ],
    [false, true, true],
  )
})

verbosity('withVerbosity drops entries above the cell, read on every entry', () => {
  const rec = recordingLogger()
  const cell = newVerbosity(0)
  const log = withVerbosity(rec.log, cell)
  log({ level: 'debug', msg: 'a' })
  cell.set(4)
  log({ level: 'debug', msg: 'b' })
  assert.equal(
    rec.entries.map((e) => e.msg),
    ['b'],
  )
  assert.is(cell.get(), 4)
})

verbosity.run()
