// `npm pack` and `npm publish` build from an empty dist/, so a file whose source was deleted or renamed is never shipped.
import { rmSync } from 'node:fs'

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
