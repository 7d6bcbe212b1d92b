import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookDeliveries, webhookSubscriptions } from '../../src/modules/webhooks/schema.js'
import { AddressNotAllowed, assertWebhookUrl, classifyAddress, guardedLookup } from '../../src/modules/webhooks/url-guard.js'
import { type TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { scene, type Factories } from '../helpers/scene.js'

describe('address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::127.0.0.1', 'reserved'],
  ])('%s is %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason)
  })

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a00:1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:192.168.1.1', 'private'],
    ['::ffff:100.64.0.1', 'carrier-grade NAT'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:a9fe:a9fe::1', 'link-local'],
  ])('the IPv4 address inside %s is judged: %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason)
  })

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull()
  })

  // Every other range of the IANA special-purpose registries (ipaddr.js's list), and IPv6
  // space outside global unicast 2000::/3, which ipaddr.js would call unicast.
  it.each([
    ['192.0.2.1', 'reserved', 'documentation (TEST-NET-1)'],
    ['198.51.100.7', 'reserved', 'documentation (TEST-NET-2)'],
    ['203.0.113.9', 'reserved', 'documentation (TEST-NET-3)'],
    ['192.88.99.1', 'reserved', '6to4 relay anycast'],
    ['192.0.0.9', 'reserved', 'IETF protocol assignments'],
    ['198.19.0.1', 'reserved', 'benchmarking'],
    ['192.31.196.1', 'reserved', 'AS112'],
    ['192.175.48.1', 'reserved', 'AS112'],
    ['192.52.193.1', 'reserved', 'AMT'],
    ['2001:db8::1', 'reserved', 'documentation'],
    ['3fff::1', 'reserved', 'documentation'],
    ['100::1', 'reserved', 'discard-only'],
    ['2001::1', 'reserved', 'Teredo'],
    ['2001:2::1', 'reserved', 'benchmarking'],
    ['2001:3::1', 'reserved', 'AMT'],
    ['2001:20::1', 'reserved', 'ORCHIDv2'],
    ['2620:4f:8000::1', 'reserved', 'AS112'],
    ['5f00::1', 'reserved', 'SRv6 SIDs'],
    ['64:ff9b:1::a00:1', 'reserved', 'local-use NAT64'],
    ['fec0::1', 'private', 'site-local (deprecated)'],
    ['100:0:0:1::1', 'reserved', 'outside 2000::/3'],
    ['4000::1', 'reserved', 'outside 2000::/3'],
    ['::7f00:1', 'reserved', 'IPv4-compatible (deprecated)'],
    ['::ffff:192.0.2.1', 'reserved', 'IPv4-mapped documentation'],
    ['::ffff:0:7f00:1', 'loopback', 'IPv4-translated loopback'],
    ['2002:c000:201::1', 'reserved', '6to4 of a documentation address'],
  ])('%s is %s: %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason)
  })

  it('does not take a host name for an address', () => {
    expect(classifyAddress('localhost')).toBe('not an IP address')
  })
})

describe('assertWebhookUrl', () => {
  const refusal = async (url: string, allowPrivate = false) => {
    try {
      await assertWebhookUrl(url, allowPrivate)
      return null
    } catch (e) {
      return e as { code: string; detail: Record<string, unknown> }
    }
  }

  it('refuses private literals and names that resolve to loopback, unless private addresses are allowed', async () => {
    expect(await refusal('http://127.0.0.1/')).toMatchObject({ code: 'url_not_allowed', detail: { reason: 'loopback' } })
    expect(await refusal('http://[::ffff:127.0.0.1]:8080/x')).toMatchObject({ code: 'url_not_allowed', detail: { reason: 'loopback' } })
    // WHATWG URL reads these old IPv4 spellings as 127.0.0.1, and so does the guard.
    expect(await refusal('http://2130706433/')).toMatchObject({ code: 'url_not_allowed', detail: { reason: 'loopback' } })
    expect(await refusal('http://0x7f.1/')).toMatchObject({ code: 'url_not_allowed', detail: { reason: 'loopback' } })
    expect(await refusal('http://localhost:3000/hook')).toMatchObject({ code: 'url_not_allowed', detail: { host: 'localhost', reason: 'loopback' } })
    expect(await refusal('http://127.0.0.1/', true)).toBeNull()
    expect(await refusal('http://localhost:3000/hook', true)).toBeNull()
    expect(await refusal('https://93.184.215.14/hook')).toBeNull()
  })

  it('names the refused range as the registry list does', async () => {
    expect(await refusal('http://192.0.2.1/')).toMatchObject({
      code: 'url_not_allowed',
      detail: { address: '192.0.2.1', reason: 'reserved', range: 'reserved' },
    })
    expect(await refusal('http://[2620:4f:8000::1]/')).toMatchObject({ detail: { reason: 'reserved', range: 'as112v6' } })
    expect(await refusal('http://[4000::1]/')).toMatchObject({ detail: { reason: 'reserved', range: 'unallocated' } })
  })

  it('refuses credentials, other schemes and hosts that do not resolve, whatever the setting', async () => {
    expect(await refusal('https://user:pass@93.184.215.14/')).toMatchObject({ code: 'url_not_allowed', detail: { reason: 'credentials' } })
    expect(await refusal('https://token@93.184.215.14/', true)).toMatchObject({ code: 'url_not_allowed', detail: { reason: 'credentials' } })
    expect(await refusal('ftp://93.184.215.14/', true)).toMatchObject({ code: 'url_not_allowed' })
    expect(await refusal('http://no-such-host.invalid/', true)).toMatchObject({ code: 'url_not_allowed', detail: { reason: 'unresolvable' } })
  })
})

describe('guardedLookup, the check at connection time', () => {
  const look = (allowPrivate: boolean, host: string, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      guardedLookup(allowPrivate)(host, { all }, (error: Error | null, address: unknown) => resolve({ error, address })),
    )

  it('fails a name that resolves to a refused address, in both calling conventions', async () => {
    for (const all of [true, false]) {
      const { error } = await look(false, 'localhost', all)
      expect(error).toBeInstanceOf(AddressNotAllowed)
      expect(error!.message).toBe('address not allowed')
    }
  })

  it('answers as dns.lookup does when allowed', async () => {
    expect((await look(true, 'localhost', true)).address).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String), family: expect.any(Number) })]),
    )
    expect(await look(true, 'localhost', false)).toMatchObject({ error: null, address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) })
  })
})

// The app with private addresses refused (the default): creation refuses, and a URL that
// got into the table anyway (its DNS answer changed since) is refused when connecting.
describe('the API with private addresses refused', () => {
  const ZONE = 'America/Denver'
  let ctx: TestContext, f: Factories, venue: Venue, owner: Actor
  let server: Server
  let hits = 0
  let port = 0

  beforeAll(async () => {
    ;({ ctx, f, venue, staff: owner } = await scene({ venue: { timezone: ZONE }, staff: 'owner' }))
    server = createServer((req, res) => {
      hits++
      req.resume()
      res.end('ok')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
    await ctx.close()
  })

  it.each([
    ['http://127.0.0.1/', 'url_not_allowed'],
    ['http://169.254.169.254/latest/meta-data/', 'url_not_allowed'],
    ['http://10.0.0.1/', 'url_not_allowed'],
    ['http://localhost/', 'url_not_allowed'],
    ['http://[::1]/', 'url_not_allowed'],
    ['http://192.168.1.1/', 'url_not_allowed'],
    ['http://100.64.0.1/', 'url_not_allowed'],
    ['http://[::ffff:169.254.169.254]/', 'url_not_allowed'],
    ['http://[fd00::1]/', 'url_not_allowed'],
    ['http://192.0.2.1/', 'url_not_allowed'],
    ['http://198.51.100.1/', 'url_not_allowed'],
    ['http://203.0.113.1/', 'url_not_allowed'],
    ['http://192.88.99.1/', 'url_not_allowed'],
    ['http://[2001:db8::1]/', 'url_not_allowed'],
    ['http://[100::1]/', 'url_not_allowed'],
    ['https://user:secret@93.184.215.14/hook', 'url_not_allowed'],
    ['http://no-such-host.invalid/', 'url_not_allowed'],
    ['ftp://93.184.215.14/hook', 'validation_failed'],
    ['file:///etc/passwd', 'validation_failed'],
    ['javascript:alert(1)', 'validation_failed'],
  ])('POST /venues/{id}/webhooks refuses %s with %s', async (url, code) => {
    const res = await client(ctx, owner.access).post(`/venues/${venue.id}/webhooks`, { url })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.code).toBe(code)
    expect(await ctx.deps.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.venueId, venue.id))).toEqual([])
  })

  it('PATCH refuses a private URL and keeps the old one', async () => {
    const made = await client(ctx, owner.access).post(`/venues/${venue.id}/webhooks`, { url: 'https://93.184.215.14/hook' })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const res = await client(ctx, owner.access).patch(`/webhooks/${made.body.id}`, { url: 'http://169.254.169.254/' })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('url_not_allowed')
    expect((await client(ctx, owner.access).get(`/webhooks/${made.body.id}`)).body.url).toBe('https://93.184.215.14/hook')
    expect((await client(ctx, owner.access).delete(`/webhooks/${made.body.id}`)).status).toBe(204)
  })

  it.each(['localhost', '127.0.0.1'])('a stored URL on %s that now points inside is not connected to: "address not allowed"', async (host) => {
    const other = await f.newVenue({ timezone: ZONE })
    // As if the URL had passed the check when saved and its DNS answer changed since.
    const [sub] = await ctx.deps.db
      .insert(webhookSubscriptions)
      .values({ venueId: other.id, url: `http://${host}:${port}/hook`, secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}` })
      .returning()
    const room = await f.newRoom(other)
    const day = DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate()
    const customer = await f.newCustomer()
    const booked = await client(ctx, customer.access).post('/reservations', {
      venue_id: other.id,
      items: [slot(room, local(ZONE, `${day}T19:00`), local(ZONE, `${day}T21:00`))],
    })
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    await ctx.services.relay.drain()
    const before = hits
    expect(await ctx.services.outboundWebhooks.deliverDue()).toBe(1)
    expect(hits).toBe(before)
    const [delivery] = await ctx.deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub!.id))
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastError: 'address not allowed', responseStatus: null })
  })
})
