// package.json and typedoc.json agree with the source tree: every entry point is documented, and the modules
// `sideEffects` leaves out of it have no statements that run on import.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { repoRoot } from './pack-checkout.js'

const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, unknown>
const manifest = json('package.json') as {
  exports: Record<string, unknown>
  sideEffects: ReadonlyArray<string>
  scripts: Record<string, string>
}

/** `./core` → `src/core/index.ts`, `.` → `src/index.ts`. */
const sourceOf = (entry: string): string => (entry === '.' ? 'src/index.ts' : `src/${entry.slice(2)}/index.ts`)

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  )

/**
 * Top-level statements that run on import: anything but imports, exports, declarations, variable statements
 * and ambient declarations (`declare module 'fastify' { ... }`, a module augmentation, emits no code).
 */
const runsOnImport = (file: string): ReadonlyArray<string> => {
  const sf = ts.createSourceFile(file, readFileSync(join(repoRoot, file), 'utf8'), ts.ScriptTarget.ES2022, true)
  return sf.statements
    .filter(
      (s) =>
        !ts.isImportDeclaration(s) &&
        !ts.isExportDeclaration(s) &&
        !ts.isFunctionDeclaration(s) &&
        !ts.isInterfaceDeclaration(s) &&
        !ts.isTypeAliasDeclaration(s) &&
        !ts.isClassDeclaration(s) &&
        !ts.isVariableStatement(s) &&
        !isAmbient(s),
    )
    .map((s) => `${relative(repoRoot, join(repoRoot, file))}: ${s.getText(sf).slice(0, 60)}`)
}

/** True for a `declare` statement: a type-level declaration, no code. */
const isAmbient = (s: ts.Statement): boolean =>
  ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((x) => x.kind === ts.SyntaxKind.DeclareKeyword)

const m = suite('package.json')

m('typedoc documents exactly the entry points of exports', () => {
  const documented = (json('typedoc.json') as { entryPoints: ReadonlyArray<string> }).entryPoints
  const exported = Object.keys(manifest.exports)
    .filter((k) => k !== './package.json')
    .map(sourceOf)
  assert.equal([...documented].sort(), [...exported].sort())
})

m('sideEffects names the bin only, and no other module runs statements on import', () => {
  assert.equal(manifest.sideEffects, ['./dist/cli/main.js'])
  const effects = sourceFiles('src').filter((f) => f !== join('src', 'cli', 'main.ts'))
  assert.equal(effects.flatMap(runsOnImport), [])
  assert.ok(runsOnImport(join('src', 'cli', 'main.ts')).length > 0, 'the check sees the statements of the bin')
})

m.run()
