// Spec support for the deployment kit: deploy/kubernetes/*.yaml as objects, deploy/Dockerfile as stages of
// instructions, and the flags a container's args set.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))

/** deploy/kubernetes, where the manifests are. */
export const manifestDir = join(root, 'deploy', 'kubernetes')

/** One Kubernetes object as parsed, with the file it came from. */
export interface Manifest {
  readonly file: string
  readonly kind: string
  readonly name: string
  readonly object: any
}

/** Every object of every `.yaml` file under deploy/kubernetes; a document YAML cannot parse throws. */
export const loadManifests = (dir: string = manifestDir): ReadonlyArray<Manifest> =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => {
        if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`)
        const object = doc.toJS() as any
        return { file, kind: String(object?.kind), name: String(object?.metadata?.name), object }
      }),
    )

/** The one object of `kind` (and `name`); throws when there is none or more than one. */
export const only = (manifests: ReadonlyArray<Manifest>, kind: string, name?: string): any => {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.name === name))
  if (found.length !== 1) throw new Error(`expected one ${kind}${name === undefined ? '' : ` ${name}`}, found ${found.length}`)
  return found[0]!.object
}

/** One Dockerfile instruction: its keyword (upper case) and the rest of its logical line. */
export interface Instruction {
  readonly keyword: string
  readonly args: string
}

/** A build stage: its `FROM` image, its `AS` name, and the instructions after it. */
export interface Stage {
  readonly from: string
  readonly name: string
  readonly instructions: ReadonlyArray<Instruction>
}

/** The Dockerfile's stages in order (comments dropped, continuation lines joined, `ARG`s before FROM substituted). */
export const parseDockerfile = (text: string): ReadonlyArray<Stage> => {
  const logical = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const globalArgs = new Map<string, string>()
  const stages: Array<{ from: string; name: string; instructions: Instruction[] }> = []
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/)
    const args = rest.join(' ')
    const upper = keyword.toUpperCase()
    if (upper === 'FROM') {
      const [image = '', , name = ''] = args.replace(/\$\{(\w+)\}/g, (_, v: string) => globalArgs.get(v) ?? '').split(/\s+/)
      stages.push({ from: image, name, instructions: [] })
    } else if (stages.length === 0 && upper === 'ARG') {
      const [k = '', v = ''] = args.split('=')
      globalArgs.set(k, v)
    } else stages.at(-1)?.instructions.push({ keyword: upper, args })
  }
  return stages
}

/** deploy/Dockerfile, parsed. */
export const loadDockerfile = (): ReadonlyArray<Stage> => parseDockerfile(readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8'))

/** The arguments of a stage's last `keyword` instruction (the one Docker uses), or undefined. */
export const lastArgs = (stage: Stage, keyword: string): string | undefined =>
  stage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args

/** A flag name and its value, from an argument written `--name=value` (the only form the kit uses). */
export const flagOf = (arg: string): { readonly name: string; readonly value: string } | undefined => {
  const m = /^--?([a-z0-9-]+)=(.*)$/.exec(arg)
  return m === null ? undefined : { name: m[1]!, value: m[2]! }
}
