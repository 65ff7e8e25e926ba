// Waiting, bounded.

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Polls `check` every `everyMs` until it returns true or `ms` passed; resolves with the last answer. */
export const until = async (check: () => boolean | Promise<boolean>, ms: number, everyMs = 50): Promise<boolean> => {
  const end = Date.now() + ms
  for (;;) {
    if (await check()) return true
    if (Date.now() >= end) return false
    await sleep(everyMs)
  }
}
