import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { AppError } from '../../http/errors.js'

/**
 * Where a webhook may not point: a subscriber chooses the URL, so without this guard the
 * server would POST on their behalf into its own network (metadata services, databases,
 * admin consoles) or to addresses no real receiver lives on. The check runs when the URL is
 * saved and again on every connection.
 *
 * The ranges are ipaddr.js's, which follows the IANA IPv4 and IPv6 special-purpose address
 * registries: anything it does not call `unicast` is refused. The names below only make its
 * range names readable; the ones not listed (documentation, benchmarking, AS112, AMT,
 * discard, Teredo, ORCHID, broadcast, …) are all `reserved`.
 */
const REASONS: Readonly<Record<string, string>> = {
  unspecified: 'unspecified',
  loopback: 'loopback',
  linkLocal: 'link-local',
  private: 'private',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
}

// The one gap in ipaddr.js's list: it calls every IPv6 address outside its special ranges
// unicast, including the space IANA has not allocated (and the deprecated IPv4-compatible
// ::/96). Only 2000::/3 is global unicast (IANA's IPv6 address space registry); nothing else
// is reachable on the internet, so nothing else may receive a webhook.
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3')

/**
 * Why an address may not receive webhooks (`loopback`, `private`, `reserved`, …), or null
 * when it may. IPv6 forms that carry an IPv4 address the network would reach in the end
 * (IPv4-mapped and -translated, NAT64's 64:ff9b::/96, 6to4) are judged by that address.
 */
export function classifyAddress(address: string): string | null {
  return rangeOf(address)?.reason ?? null
}

/** The refused range an address falls in (`reason` readable, `range` as ipaddr.js names it), or null. */
export function rangeOf(address: string): { reason: string; range: string } | null {
  const bare = address.replace(/%.*$/, '')
  // isIP first: ipaddr.js also reads old spellings (0x7f.1) that are not addresses here.
  const family = isIP(bare)
  if (family === 0) return { reason: 'not an IP address', range: 'none' }
  // ipaddr.js reads a dotted tail after `::` as IPv4-mapped (::127.0.0.1 as ::ffff:127.0.0.1),
  // which it is not; the URL parser writes every IPv6 address out in hex words first.
  const ip = ipaddr.parse(family === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare)
  if (ip.kind() === 'ipv6') {
    const embedded = embeddedIpv4(ip as ipaddr.IPv6)
    if (embedded) return rangeOf(embedded)
  }
  const range: string = ip.range()
  if (range !== 'unicast') return { reason: REASONS[range] ?? 'reserved', range }
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST)) return { reason: 'reserved', range: 'unallocated' }
  return null
}

/** The IPv4 address inside an IPv6 address that only carries one, or null. */
function embeddedIpv4(ip: ipaddr.IPv6): string | null {
  const p = ip.parts
  const quad = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.')
  switch (ip.range() as string) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return quad(p[6]!, p[7]!)
    case 'rfc6052': // 64:ff9b::a.b.c.d; the local-use 64:ff9b:1::/48 embeds by prefix length and stays refused
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? quad(p[6]!, p[7]!) : null
    case '6to4': // 2002:aabb:ccdd::/48
      return quad(p[1]!, p[2]!)
    default:
      return null
  }
}

const RESOLVE_TIMEOUT_MS = 5_000

const notAllowed = (message: string, detail: Record<string, unknown>) => new AppError('url_not_allowed', message, detail)

/**
 * 400 `url_not_allowed` unless `url` may receive webhooks: http(s) without credentials, and
 * a host that resolves, to public addresses only (every one of them) unless `allowPrivate`.
 */
export async function assertWebhookUrl(url: string, allowPrivate: boolean): Promise<void> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw notAllowed('The URL cannot be parsed', { url })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw notAllowed('Webhooks go to http or https URLs only', { protocol: parsed.protocol })
  if (parsed.username || parsed.password)
    throw notAllowed('The URL must not carry credentials; receivers verify the signature instead', { reason: 'credentials' })
  const host = hostOf(parsed)
  const addresses = isIP(host) ? [host] : await resolve(host)
  if (allowPrivate) return
  for (const address of addresses) {
    const refused = rangeOf(address)
    if (refused) throw notAllowed(`Webhooks cannot go to ${refused.reason} addresses`, { host, address, ...refused })
  }
}

async function resolve(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), RESOLVE_TIMEOUT_MS)
  })
  const lookup = new Promise<LookupAddress[]>((ok, fail) => dnsLookup(host, { all: true, verbatim: true }, (e, a) => (e ? fail(e) : ok(a))))
  try {
    const found = await Promise.race([lookup, timeout])
    if (found.length === 0) throw new Error('no addresses')
    return found.map((a) => a.address)
  } catch {
    throw notAllowed("The URL's host does not resolve", { host, reason: 'unresolvable' })
  } finally {
    clearTimeout(timer)
  }
}

/** The host as a resolver or isIP wants it: WHATWG URLs keep IPv6 literals in brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

/** The error a refused connection fails with; its message goes to the delivery log. */
export class AddressNotAllowed extends Error {
  constructor(readonly address: string) {
    super('address not allowed')
  }
}

/**
 * A `lookup` for node:http(s) that refuses, at connection time, a host whose answer now
 * includes a refused address: a DNS answer that changed since the URL was saved (rebinding)
 * cannot reach the private network. IP literals never reach a lookup; see `literalRefused`.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      const done = callback as (e: Error | null, a?: string | LookupAddress[], f?: number) => void
      if (error) return done(error)
      const refused = allowPrivate ? undefined : addresses.find((a) => classifyAddress(a.address) !== null)
      if (refused) return done(new AddressNotAllowed(refused.address))
      if (addresses.length === 0) return done(new Error('no addresses'))
      if (options.all) return done(null, addresses)
      return done(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}

/** Whether a URL whose host is an IP literal is refused; connections to literals skip `lookup`. */
export function literalRefused(url: URL, allowPrivate: boolean): boolean {
  const host = hostOf(url)
  return !allowPrivate && isIP(host) !== 0 && classifyAddress(host) !== null
}
