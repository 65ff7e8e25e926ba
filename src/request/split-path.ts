/**
 * Go's `splitPath`: trims every leading and trailing `/`, then splits on `/` (empty path, no segments).
 * An indexOf loop: about twice as fast as `slice(...).split('/')` on V8.
 * @example
 * splitPath('//api//v1/pods/') // ['api', '', 'v1', 'pods']
 */
export const splitPath = (path: string): ReadonlyArray<string> => {
  let start = 0
  let end = path.length
  while (start < end && path.charCodeAt(start) === SLASH) start++
  while (end > start && path.charCodeAt(end - 1) === SLASH) end--
  if (start === end) return []
  const segs: string[] = []
  for (let slash = path.indexOf('/', start); slash >= 0 && slash < end; slash = path.indexOf('/', start)) {
    segs.push(path.slice(start, slash))
    start = slash + 1
  }
  segs.push(path.slice(start, end))
  return segs
}

const SLASH = 0x2f
