// Spec support: the real kubectl binary, run with a bound on every invocation, and whether a suite may use it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** What one kubectl invocation printed and how it ended; `timedOut` when it was killed at its bound. */
export interface KubectlResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly timedOut: boolean
}

/** How kubectl runs: the kubeconfig it is given, a discovery cache of its own, extra environment, text on stdin. */
export interface KubectlOptions {
  readonly kubeconfig: string
  readonly cacheDir: string
  readonly env?: Readonly<Record<string, string>>
  readonly input?: string
  /** Kill after this long (default 20 s). */
  readonly timeoutMs?: number
}

/** The kubectl on PATH, or `undefined` when there is none. */
export const findKubectl = (): string | undefined =>
  (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'kubectl'))
    .find((file) => {
      try {
        accessSync(file, constants.X_OK)
        return true
      } catch {
        return false
      }
    })

/** The oldest kubectl minor the suite's expectations hold for (protobuf writes, `auth whoami`, OpenAPI v3). */
export const oldestKubectlMinor = 30

/** The client's minor version (`kubectl version --client -o json`), `undefined` when it cannot be read. */
export const kubectlMinor = (bin: string): number | undefined => {
  const r = spawnSync(bin, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 10_000 })
  const minor = /"minor":\s*"(\d+)/.exec(r.stdout ?? '')?.[1]
  return minor === undefined ? undefined : Number(minor)
}

/**
 * What a kubectl suite does: `run` with a kubectl on PATH whose minor is at least `oldestKubectlMinor`
 * (Debian 12's kubernetes-client is 1.20); otherwise `skip`, unless `KUBECHAIN_REQUIRE_KUBECTL=1` makes
 * a missing or too old kubectl a failure (`fail`).
 */
export const kubectlPlan = (
  bin: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  minor: (bin: string) => number | undefined = kubectlMinor,
): 'run' | 'skip' | 'fail' =>
  bin !== undefined && (minor(bin) ?? 0) >= oldestKubectlMinor ? 'run' : env['KUBECHAIN_REQUIRE_KUBECTL'] === '1' ? 'fail' : 'skip'

/** The loud line a suite prints once when it skips for want of kubectl. */
export const kubectlSkipBanner = (suite: string): string =>
  [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    `!!! ${suite}: SKIPPED, no kubectl 1.${oldestKubectlMinor}+ on PATH. Install one,`,
    '!!! or set KUBECHAIN_REQUIRE_KUBECTL=1 to make a missing kubectl fail the run.',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n')

/** Starts `kubectl --kubeconfig <file> <args>` with its own cache directory and no colour. */
export const spawnKubectl = (bin: string, args: ReadonlyArray<string>, o: KubectlOptions): ChildProcess => {
  const { KUBECONFIG: _, ...env } = process.env
  return spawn(bin, ['--kubeconfig', o.kubeconfig, ...args], {
    env: { ...env, KUBECACHEDIR: o.cacheDir, NO_COLOR: '1', ...o.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

/** Runs kubectl to its end, killed at its bound (20 s unless told); never rejects. */
export const runKubectl = (bin: string, args: ReadonlyArray<string>, o: KubectlOptions): Promise<KubectlResult> =>
  new Promise((resolve) => {
    const proc = spawnKubectl(bin, args, o)
    let stdout = ''
    let stderr = ''
    let timedOut = false
    proc.stdout?.on('data', (c: Buffer) => (stdout += c.toString()))
    proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => {
      timedOut = true
      proc.kill('SIGKILL')
    }, o.timeoutMs ?? 20_000)
    proc.once('error', (e) => {
      clearTimeout(timer)
      resolve({ code: null, stdout, stderr: `${stderr}${String(e)}`, timedOut })
    })
    proc.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, timedOut })
    })
    proc.stdin?.end(o.input ?? '')
  })

/** A kubectl left running (`get -w`): what it printed so far, a bounded wait for a text, and a stop. */
export interface RunningKubectl {
  readonly output: () => string
  /** Resolves when stdout holds `text`; rejects with what was printed when `ms` pass or kubectl ends first. */
  /** Resolves once stdout contains `text` (or matches it): kubectl may print a table row in pieces. */
  readonly waitFor: (text: string | RegExp, ms: number) => Promise<void>
  readonly stop: () => Promise<void>
}

/** Starts a long-running kubectl; `stop` kills it and waits for its end. */
export const startKubectl = (bin: string, args: ReadonlyArray<string>, o: KubectlOptions): RunningKubectl => {
  const proc = spawnKubectl(bin, args, o)
  let stdout = ''
  let stderr = ''
  const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()))
  proc.stdout?.on('data', (c: Buffer) => (stdout += c.toString()))
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  proc.stdin?.end()
  const waitFor = (text: string | RegExp, ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const fail = (why: string) => () => (
        done(),
        reject(
          new Error(
            `${why} before kubectl printed ${typeof text === 'string' ? JSON.stringify(text) : String(text)}; stdout:\n${stdout}\nstderr:\n${stderr}`,
          ),
        )
      )
      const check = (): void => void ((typeof text === 'string' ? stdout.includes(text) : text.test(stdout)) && (done(), resolve()))
      const timer = setTimeout(fail(`${ms} ms passed`), ms)
      const ended = fail('kubectl ended')
      const done = (): void => void (clearTimeout(timer), proc.stdout?.off('data', check), proc.off('close', ended))
      proc.stdout?.on('data', check)
      proc.once('close', ended)
      check()
    })
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
    await closed
  }
  return { output: () => stdout, waitFor, stop }
}
