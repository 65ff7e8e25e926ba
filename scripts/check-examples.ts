// Type-checks every `@example` in src/ (CONVENTIONS.md: "every `@example` type-checks"). Each example becomes a
// module under .examples/ (git-ignored) that imports the names it uses and does not declare itself: first from
// its own module's exports, then from the other modules of its folder, then from the package's public entry
// points, then from scripts/examples-prelude.ts (fp-ts aliases and "your value" names such as `req`). An example's
// own `import ... from 'kubechain/<area>'` lines are pointed at src/. All examples are checked in one program, and
// each failure is printed as `src/file.ts:LINE @example: <diagnostic>`; the exit code is 1 when any fails.
// Run: node --import tsx scripts/check-examples.ts
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const outDir = path.join(root, '.examples')
const prelude = path.join(root, 'scripts/examples-prelude.ts')
/** The package's public entry points, in the order a name is looked up in them. */
const entries = ['src/index.ts', 'src/example-api/index.ts'].map((f) => path.join(root, f))

/** One `@example` block: the file it is in (relative to the root), the line of its first code line, its code. */
interface Example {
  readonly file: string
  readonly line: number
  readonly code: ReadonlyArray<string>
}

/** A generated example module: where it is written, its text, and how many lines precede the example's code. */
interface Generated {
  readonly example: Example
  readonly path: string
  readonly text: string
  readonly header: number
}

const exampleTag = /^\s*\*\s*@example\b/
const commentEnd = /^\s*\*\//
/** A line inside a TSDoc comment, without its leading ` * `; a Markdown fence becomes an empty line. */
const stripped = (line: string): string => {
  const text = line.replace(/^\s*\* ?/, '')
  return text.trimStart().startsWith('```') ? '' : text
}

/** The code lines of the `@example` that starts at `lines[at]`: up to the next tag or the end of the comment. */
const blockAt = (lines: ReadonlyArray<string>, at: number): string[] => {
  const code: string[] = []
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!
    if (commentEnd.test(line) || /^@\w/.test(stripped(line))) break
    const end = line.indexOf('*/')
    if (end >= 0) {
      code.push(stripped(line.slice(0, end)))
      break
    }
    code.push(stripped(line))
  }
  while (code.length > 0 && code[code.length - 1]!.trim() === '') code.pop()
  return code
}

/** Every `@example` block of one source file. */
const examplesOf = (file: string, text: string): Example[] => {
  const lines = text.split('\n')
  const found: Example[] = []
  lines.forEach((line, i) => {
    if (exampleTag.test(line)) found.push({ file, line: i + 2, code: blockAt(lines, i) })
  })
  return found
}

/** Every `.ts` file under a directory. */
const tsFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? tsFiles(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []))

/** The compiler options of tsconfig.json, for example modules: they import types without `import type`. */
const compilerOptions = (): ts.CompilerOptions => {
  const configPath = path.join(root, 'tsconfig.json')
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root)
  return { ...parsed.options, noEmit: true, verbatimModuleSyntax: false, isolatedModules: false }
}

/** The names a module exports (re-exports followed), or none when the module is not in the program. */
const exportsOf = (program: ts.Program, file: string): ReadonlySet<string> => {
  const known = exportCache.get(file)
  if (known !== undefined) return known
  const source = program.getSourceFile(file)
  const checker = program.getTypeChecker()
  const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source)
  const names = new Set(symbol === undefined ? [] : checker.getExportsOfModule(symbol).map((s) => s.name))
  exportCache.set(file, names)
  return names
}
const exportCache = new Map<string, ReadonlySet<string>>()

/** The names a binding declares (`a`, or every name in `{ a, b: [c] }`). */
const bindingNames = (name: ts.BindingName): string[] =>
  ts.isIdentifier(name) ? [name.text] : name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)))

/** The names an import declaration binds (`import a, { b, c as d } from ...`, `import * as e from ...`). */
const importedNames = (s: ts.ImportDeclaration): string[] => {
  const clause = s.importClause
  const bindings = clause?.namedBindings
  const named = bindings === undefined ? [] : ts.isNamespaceImport(bindings) ? [bindings.name] : bindings.elements.map((e) => e.name)
  return [...(clause?.name ? [clause.name] : []), ...named].map((n) => n.text)
}

/** The names one top-level statement declares. */
const statementNames = (s: ts.Statement): string[] => {
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => bindingNames(d.name))
  if (ts.isImportDeclaration(s)) return importedNames(s)
  const named =
    ts.isFunctionDeclaration(s) ||
    ts.isClassDeclaration(s) ||
    ts.isInterfaceDeclaration(s) ||
    ts.isTypeAliasDeclaration(s) ||
    ts.isEnumDeclaration(s)
  return named && s.name !== undefined ? [s.name.text] : []
}

/** Whether an identifier names a property (`x.name`, `{ name: 1 }`, `E.Either`) rather than referring to a binding. */
const isPropertyName = (id: ts.Identifier): boolean => {
  const p = id.parent
  if (ts.isPropertyAccessExpression(p)) return p.name === id
  if (ts.isQualifiedName(p)) return p.right === id
  return (ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p)) && p.name === id
}

/** The identifiers an example refers to that it does not declare at its top level. */
const freeNames = (code: string): Set<string> => {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const declared = new Set(source.statements.flatMap(statementNames))
  const used = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isPropertyName(node) && !declared.has(node.text)) used.add(node.text)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return used
}

/** An import specifier from a generated module in .examples/ to a file of the repository. */
const specifierTo = (file: string): string => path.relative(outDir, file).split(path.sep).join('/').replace(/\.ts$/, '.js')

/** The example's own `kubechain` imports, pointed at src/ so they need no build. */
const rewriteImports = (line: string): string =>
  line.replace(/from '(kubechain(?:\/[\w-]+)?)'/, (_, spec: string) => {
    const area = spec === 'kubechain' ? 'src/index.ts' : `src/${spec.slice('kubechain/'.length)}/index.ts`
    return `from '${specifierTo(path.join(root, area))}'`
  })

/** The generated module of one example: an import line per module it draws names from, then its code. */
const generate = (example: Example, sources: ReadonlyArray<readonly [string, ReadonlySet<string>]>): Generated => {
  const code = example.code.map(rewriteImports)
  const wanted = freeNames(code.join('\n'))
  const imports: string[] = []
  for (const [file, names] of sources) {
    const picked = [...wanted].filter((n) => names.has(n)).sort()
    for (const n of picked) wanted.delete(n)
    if (picked.length > 0) imports.push(`import { ${picked.join(', ')} } from '${specifierTo(file)}'`)
  }
  const head = [`// generated by scripts/check-examples.ts from ${example.file}:${example.line}`, ...imports, 'export {}']
  const name = `${example.file
    .replace(/^src\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '__')}.L${example.line}.ts`
  return { example, path: path.join(outDir, name), text: [...head, ...code, ''].join('\n'), header: head.length }
}

/** A diagnostic as `src/file.ts:LINE @example: message`, its line mapped back to the source comment. */
const report = (g: Generated, d: ts.Diagnostic): string => {
  const at = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : g.header
  const line = g.example.line + Math.max(0, at - g.header)
  return `${g.example.file}:${line} @example: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
}

const started = performance.now()
const srcFiles = tsFiles(path.join(root, 'src'))
const examples = srcFiles.flatMap((f) => examplesOf(path.relative(root, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')))
const options = compilerOptions()
const host = ts.createCompilerHost(options)
const base = ts.createProgram({ rootNames: [...srcFiles, prelude], options, host })
const shared = [...entries, prelude].map((f) => [f, exportsOf(base, f)] as const)
/** Where an example's names come from: its own module, the other modules of its folder, then the shared ones. */
const sourcesOf = (e: Example): Array<readonly [string, ReadonlySet<string>]> => {
  const own = path.join(root, e.file)
  const folder = srcFiles.filter((f) => path.dirname(f) === path.dirname(own) && f !== own && path.basename(f) !== 'index.ts')
  return [[own, exportsOf(base, own)], ...folder.map((f) => [f, exportsOf(base, f)] as const), ...shared]
}
const generated = examples.map((e) => generate(e, sourcesOf(e)))

fs.rmSync(outDir, { recursive: true, force: true })
fs.mkdirSync(outDir, { recursive: true })
for (const g of generated) fs.writeFileSync(g.path, g.text)
const program = ts.createProgram({ rootNames: generated.map((g) => g.path), options, host, oldProgram: base })
const failures = generated.flatMap((g) => {
  const source = program.getSourceFile(g.path)!
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => report(g, d))
})
const preludeSource = program.getSourceFile(prelude)
const preludeFailures = preludeSource === undefined ? [] : program.getSemanticDiagnostics(preludeSource)
for (const d of preludeFailures) failures.push(`scripts/examples-prelude.ts: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)

for (const f of failures) console.error(f)
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`@example check: ${examples.length} examples, ${failures.length} diagnostics (${seconds} s)`)
process.exitCode = failures.length === 0 ? 0 : 1
