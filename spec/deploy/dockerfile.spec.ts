// deploy/Dockerfile read as data (there is no docker in CI): its stages, user, port and entrypoint against
// package.json, the CLI's flags and the Deployment that runs the image.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseServeCommand } from '../../src/cli/flags/parse-serve-command.js'
import { type Stage, lastArgs, loadDockerfile, loadManifests, only, parseDockerfile, root } from './kit.js'

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }
const stages = loadDockerfile()
const runtime = stages.at(-1)!
const build = stages[0]!
const pod = only(loadManifests(), 'Deployment', 'kubechain').spec.template.spec
const container = pod.containers[0]

const runs = (stage: Stage): string =>
  stage.instructions
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.args)
    .join('\n')
const execForm = (stage: Stage, keyword: string): ReadonlyArray<string> => JSON.parse(lastArgs(stage, keyword) ?? 'null')

const image = suite('Dockerfile')

image('the parser reads stages, joined lines and ARG defaults', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile's ${ARG}, not a template
  const s = parseDockerfile('ARG IMG=node:22-slim\n# note\nFROM ${IMG} AS b\nRUN a \\\n  && b\nFROM b\nUSER 1:1\n')
  assert.equal(
    s.map((x) => [x.from, x.name, x.instructions.map((i) => `${i.keyword} ${i.args}`)]),
    [
      ['node:22-slim', 'b', ['RUN a && b']],
      ['b', '', ['USER 1:1']],
    ],
  )
})

image('builds in one stage and runs in another, both on the official Node 22 slim or alpine image', () => {
  assert.ok(stages.length >= 2)
  for (const s of stages) assert.match(s.from, /^node:22(\.[\d.]+)?-(\w+-)?(slim|alpine[\d.]*)$/)
  assert.match(runs(build), /npm ci\b/)
  assert.match(runs(build), /npm run build\b/)
  assert.match(runs(runtime), /npm ci --omit=dev\b/)
  assert.match(lastArgs(runtime, 'COPY') ?? '', new RegExp(`^--from=${build.name} `))
})

image("runs as a numeric non-root user, the pod's", () => {
  const [uid, gid] = (lastArgs(runtime, 'USER') ?? '').split(':').map(Number)
  assert.ok(uid !== undefined && uid > 0)
  assert.equal([uid, gid], [pod.securityContext.runAsUser, pod.securityContext.runAsGroup])
})

image('exposes the secure port the Deployment sets and names', () => {
  const cmd = parseServeCommand(container.args, { interfaces: () => ({}) })
  const port = E.isRight(cmd) && !cmd.right.help ? cmd.right.options.secureServing.bindPort : undefined
  assert.equal([Number(lastArgs(runtime, 'EXPOSE')), container.ports[0].containerPort], [port, port])
})

image("its ENTRYPOINT is `<package.json's bin> serve`, linked to the bin's file, and the Deployment keeps it", () => {
  const [name, file] = Object.entries(pkg.bin)[0]!
  assert.equal(execForm(runtime, 'ENTRYPOINT'), [name, 'serve'])
  assert.match(runs(runtime), new RegExp(`ln -s /app/${file.replace(/^\.\//, '')} /usr/local/bin/${name}\\b`))
  assert.is(container.command, undefined)
})

image("its default CMD flags parse, and the Deployment's args set each of them alike", () => {
  const cmd = execForm(runtime, 'CMD')
  assert.is(E.isRight(parseServeCommand(cmd, { interfaces: () => ({}) })), true)
  assert.equal(
    cmd.filter((a) => !container.args.includes(a)),
    [],
  )
})

image('Dockerfile.dockerignore lets in every file the build stage copies', () => {
  const ignore = readFileSync(join(root, 'deploy', 'Dockerfile.dockerignore'), 'utf8').split('\n')
  const copied = build.instructions.filter((i) => i.keyword === 'COPY').flatMap((i) => i.args.split(/\s+/).slice(0, -1))
  assert.ok(copied.includes('src'))
  for (const f of copied) assert.ok(ignore.includes(`!${f}`), `${f} is not let in`)
})

image.run()
