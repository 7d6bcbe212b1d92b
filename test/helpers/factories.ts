import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { Room } from '../../src/modules/rooms/service.js'
import { rooms } from '../../src/modules/rooms/schema.js'
import { users } from '../../src/modules/auth/schema.js'
import { hashPassword } from '../../src/modules/auth/passwords.js'
import type { AccessClaims } from '../../src/modules/auth/tokens.js'
import { memberships, venues, type OpeningRange } from '../../src/modules/venues/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { CancellationPolicy } from '../../src/modules/pricing/cancellation-policy.js'
import type { TestContext } from './context.js'

export const PASSWORD = 'correct horse battery'
let passwordHash: Promise<string> | undefined

export interface Actor {
  id: string
  email: string
  access: string
  who: AccessClaims
}

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`

export const everyDay = (open: string, close: string): OpeningRange[] => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close }))

/** Small builders that write straight to the database, so tests read as the scenario they test. */
export function factories(ctx: TestContext) {
  const db = ctx.deps.db

  async function newUser(role: 'customer' | 'admin' = 'customer', name = 'Test User'): Promise<Actor> {
    passwordHash ??= hashPassword(PASSWORD)
    const email = `${unique(role)}@example.test`
    const [user] = await db
      .insert(users)
      .values({ email, name, role, passwordHash: await passwordHash })
      .returning()
    const who = { userId: user!.id, role }
    return { id: user!.id, email, who, access: await ctx.deps.tokens.access(who, ctx.clock()) }
  }

  return {
    newCustomer: (name?: string) => newUser('customer', name),
    newAdmin: () => newUser('admin', 'Admin'),

    async newVenue(
      opts: {
        timezone?: string
        hours?: OpeningRange[]
        holdTtlMinutes?: number
        currency?: string
        cancellationPolicy?: CancellationPolicy
        depositPercent?: number
      } = {},
    ): Promise<Venue> {
      const [venue] = await db
        .insert(venues)
        .values({
          name: unique('Venue'),
          slug: unique('venue'),
          kind: 'venue',
          timezone: opts.timezone ?? 'America/Denver',
          currency: opts.currency ?? 'USD',
          openingHours: opts.hours ?? everyDay('16:00', '02:00'),
          holdTtlMinutes: opts.holdTtlMinutes ?? null,
          cancellationPolicy: opts.cancellationPolicy ?? null,
          depositPercent: opts.depositPercent ?? null,
        })
        .returning()
      return venue!
    },

    async newStaff(venue: Venue, role: 'owner' | 'manager' | 'staff' = 'staff'): Promise<Actor> {
      const actor = await newUser('customer', `Staff ${role}`)
      await db.insert(memberships).values({ venueId: venue.id, userId: actor.id, role })
      return actor
    },

    async newRoom(
      venue: Venue,
      opts: Partial<{
        name: string
        capacity: number
        hourlyRate: number
        slotMinutes: number
        minMinutes: number
        maxMinutes: number
        bufferMinutes: number
      }> = {},
    ): Promise<Room> {
      const [room] = await db
        .insert(rooms)
        .values({
          venueId: venue.id,
          name: opts.name ?? unique('Room'),
          capacity: opts.capacity ?? 8,
          hourlyRate: opts.hourlyRate ?? 4000,
          slotMinutes: opts.slotMinutes ?? 30,
          minMinutes: opts.minMinutes ?? 60,
          maxMinutes: opts.maxMinutes ?? 240,
          bufferMinutes: opts.bufferMinutes ?? 0,
        })
        .returning()
      return room!
    },
  }
}

/** A fresh access token for the actor at the test clock's current time (after moving it). */
export const tokenAt = (ctx: TestContext, actor: Actor) => ctx.deps.tokens.access(actor.who, ctx.clock())

/** An instant from a venue-local wall-clock time, as the API expects it (RFC 3339 with offset). */
export const local = (zone: string, wallClock: string) => DateTime.fromISO(wallClock, { zone }).toISO({ suppressMilliseconds: true })!

export interface Reply<T = any> {
  status: number
  body: T
  headers: Record<string, unknown>
}

/** A tiny client over app.inject that speaks JSON and carries a bearer token. */
export function client(ctx: TestContext, token?: string) {
  const send = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await ctx.app.inject({
      method: method as 'GET',
      url: url.startsWith('/api') ? url : `/api/v1${url}`,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    })
    return { status: res.statusCode, body: res.body ? safeJson(res.body) : null, headers: res.headers }
  }
  return {
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => send('POST', url, body, headers),
    put: (url: string, body?: unknown) => send('PUT', url, body),
    patch: (url: string, body?: unknown) => send('PATCH', url, body),
    delete: (url: string) => send('DELETE', url),
  }
}

const safeJson = (text: string) => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** A slot claim body. */
export const slot = (room: { id: string }, start: string, end: string) => ({ kind: 'slot' as const, room_id: room.id, start, end })
