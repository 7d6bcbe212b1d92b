import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { AppError } from '../../http/errors.js'

/**
 * Where a webhook may not point: a subscriber chooses the URL, so without this guard the
 * server would POST on their behalf into its own network (metadata services, databases,
 * admin consoles). The check runs when the URL is saved and again on every connection.
 */
const RANGES: readonly (readonly [reason: string, ranges: readonly (readonly [string, number])[]])[] = [
  [
    'unspecified',
    [
      ['0.0.0.0', 8],
      ['::', 128],
    ],
  ],
  [
    'loopback',
    [
      ['127.0.0.0', 8],
      ['::1', 128],
    ],
  ],
  [
    'link-local',
    [
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['fc00::', 7],
      ['fec0::', 10],
    ],
  ],
  ['carrier-grade NAT', [['100.64.0.0', 10]]],
  [
    'multicast',
    [
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ],
  ],
  // Protocol assignments, benchmarking, the old class E and broadcast, IPv4-compatible IPv6:
  // nothing a real receiver lives on, and some of it is routed oddly inside data centres.
  [
    'reserved',
    [
      ['192.0.0.0', 24],
      ['198.18.0.0', 15],
      ['240.0.0.0', 4],
      ['::', 96],
    ],
  ],
]

const LISTS = RANGES.map(([reason, ranges]) => {
  const list = new BlockList()
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4')
  return [reason, list] as const
})

/**
 * Why an address may not receive webhooks (`loopback`, `private`, …), or null when it may.
 * IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is (BlockList does
 * that); NAT64 (64:ff9b::/96) and 6to4 (2002::/16) by the IPv4 address they embed.
 */
export function classifyAddress(address: string): string | null {
  const bare = address.replace(/%.*$/, '')
  const family = isIP(bare)
  if (family === 0) return 'not an IP address'
  if (family === 6) {
    const embedded = embeddedIpv4(bare)
    if (embedded) return classifyAddress(embedded)
  }
  const type = family === 6 ? 'ipv6' : 'ipv4'
  for (const [reason, list] of LISTS) if (list.check(bare, type)) return reason
  return null
}

/** The IPv4 address inside a NAT64 or 6to4 address, which the network would reach in the end. */
function embeddedIpv4(address: string): string | null {
  const words = ipv6Words(address)
  if (!words) return null
  const quad = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.')
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return quad(words[6]!, words[7]!)
  if (words[0] === 0x2002) return quad(words[1]!, words[2]!)
  return null
}

/** The eight 16-bit words of an IPv6 address (with `::` and a trailing dotted quad expanded). */
function ipv6Words(address: string): number[] | null {
  let text = address.toLowerCase()
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::') as [string, string | undefined]
  const part = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : [])
  const left = part(head)
  const right = part(tail)
  const words = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right]
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null
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
    const reason = classifyAddress(address)
    if (reason) throw notAllowed(`Webhooks cannot go to ${reason} addresses`, { host, address, reason })
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
