// The part of autocannon's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    readonly url: string
    readonly connections?: number
    readonly pipelining?: number
    readonly duration?: number
    readonly headers?: Readonly<Record<string, string>>
  }
  interface Histogram {
    readonly average: number
    readonly mean: number
    readonly min: number
    readonly max: number
    readonly p50: number
    readonly p99: number
  }
  interface Result {
    readonly duration: number
    readonly errors: number
    readonly timeouts: number
    readonly non2xx: number
    readonly '2xx': number
    readonly latency: Histogram
    readonly requests: Histogram & { readonly total: number; readonly sent: number }
  }
  function autocannon(opts: Options): Promise<Result>
  export default autocannon
  export type { Options, Result, Histogram }
}
