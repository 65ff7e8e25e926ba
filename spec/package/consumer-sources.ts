// The scratch project's sources: what a consumer of the published package writes, in ES module and CommonJS
// form, compiled by tsc (NodeNext, skipLibCheck off) against the installed package and then run by node.

/** The consumer's tsconfig: NodeNext resolution, declaration files of every dependency checked. */
export const consumerTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022'],
    types: ['node'],
    strict: true,
    skipLibCheck: false,
    outDir: 'out',
    rootDir: 'src',
  },
  include: ['src'],
}

/**
 * A server in the consumer's module system (`tag`): upstream's insecure chain in front of a hello handler on
 * 127.0.0.1:0, one request to it, one JSON line of what came back; then it closes, so the process ends.
 */
const consumer = (tag: string): string => `import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Handler, build, insecureChain, newConfig, standaloneContext, text, toNodeListener } from 'kubechain'
import { checkChain } from 'kubechain/chains'

const hello: Handler = (req) => text(200, \`hello \${req.path} from ${tag}\`)
const cfg = newConfig({ requestTimeout: 5_000 })
if (cfg._tag === 'Left') throw new Error(JSON.stringify(cfg.left))
const chain = checkChain(insecureChain(standaloneContext(), cfg.right))
if (chain._tag === 'Left') throw new Error(JSON.stringify(chain.left))
const server = createServer(toNodeListener(build(chain.right)(hello)))
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  fetch(\`http://127.0.0.1:\${port}/hi\`, { headers: { connection: 'close' } })
    .then(async (res) => console.log(JSON.stringify({ status: res.status, body: await res.text(), steps: chain.right.length })))
    .finally(() => server.close())
})
`

/** The ES module consumer (`src/esm.mts`, emitted as `out/esm.mjs`). */
export const esmConsumer = consumer('esm')

/** The CommonJS consumer (`src/cjs.cts`, emitted as `out/cjs.cjs`): tsc turns its imports into `require` calls. */
export const cjsConsumer = consumer('cjs')

/**
 * A module that imports every entry point of the package's `exports` (type-checked, then run): prints, per
 * entry point, how many names it exports.
 */
export const entriesConsumer = (entryPoints: ReadonlyArray<string>): string => {
  const names = entryPoints.map((e, i) => [`e${i}`, e] as const)
  return [
    ...names.map(([v, e]) => `import * as ${v} from '${e}'`),
    `const counts: Record<string, number> = { ${names.map(([v, e]) => `'${e}': Object.keys(${v}).length`).join(', ')} }`,
    'console.log(JSON.stringify(counts))',
    '',
  ].join('\n')
}
