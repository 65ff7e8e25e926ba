import { isIP } from 'node:net'
import { type Request, headerValues, peerAddress } from '../core/request.js'

/**
 * Upstream `utilnet.SourceIPs`: the valid entries of the first X-Forwarded-For line (split on commas),
 * then the first X-Real-Ip line unless already listed, then the peer address unless it is the last one
 * listed. Only first lines count, as Go's `Header.Get` reads them: node joins repeated lines with `, `,
 * which would list a second X-Forwarded-For line and make two X-Real-Ip lines one invalid address.
 * Port note: node reports IPv4 peers on dual-stack sockets as `::ffff:a.b.c.d`; written as `a.b.c.d` like Go.
 */
export const sourceIPs = (req: Request): ReadonlyArray<string> | undefined => {
  const out: string[] = []
  const forwarded = headerValues(req, 'x-forwarded-for')[0]
  if (forwarded !== undefined && forwarded !== '') {
    for (const part of forwarded.split(',')) pushIP(out, part.trim(), false)
  }
  const real = headerValues(req, 'x-real-ip')[0]
  if (real !== undefined && real !== '') pushIP(out, real, true)
  const remote = peerAddress(req.raw)?.remoteAddress
  const peer = remote === undefined ? undefined : normalIP(remote)
  if (peer !== undefined && peer !== out[out.length - 1]) out.push(peer)
  return out.length === 0 ? undefined : out
}

const pushIP = (out: string[], raw: string, unlessListed: boolean): void => {
  const ip = normalIP(raw)
  if (ip !== undefined && !(unlessListed && out.includes(ip))) out.push(ip)
}

const normalIP = (raw: string): string | undefined => {
  const kind = isIP(raw)
  if (kind === 4) return raw
  if (kind !== 6) return undefined
  const lower = raw.toLowerCase()
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower
}
