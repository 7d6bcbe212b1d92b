/** Where the bench's holds land: random slot claims for (a) and (b), and never-colliding ones for (g) and (h). */
import type { DayWindow, Fixture, RoomRow } from './fixture.js'
import { HOUR, SLOT } from './settings.js'
import { slotLine } from '../src/modules/pricing/slot-price.js'

export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!

/** A random valid slot claim: 60–240 minutes on the 30-minute grid, inside one 24-hour business day. */
export function randomClaim(fx: Fixture, days: readonly DayWindow[]) {
  const room = pick(fx.rooms)
  const day = pick(days)
  const lengthSlots = 2 + Math.floor(Math.random() * 7)
  const slotsInDay = Math.round((day.end - day.start) / SLOT) // 46, 48 or 50 around DST
  const k = Math.floor(Math.random() * (slotsInDay - lengthSlots + 1))
  const start = day.start + k * SLOT
  return { room, day, start: new Date(start), end: new Date(start + lengthSlots * SLOT), minutes: lengthSlots * 30 }
}

/**
 * Hands out one-hour slots on the 30-minute grid that no other claim of the bench uses: day by
 * day over `days`, hour by hour, room by room. (a) picks at random and lives with about 2 %
 * of 409s; the payment phases must not lose a flow to a collision, so they never collide.
 */
export class SlotAllocator {
  private day = 0
  private hour = 0
  private room = 0
  constructor(
    private readonly fx: Fixture,
    private readonly days: readonly DayWindow[],
  ) {}

  next(): { room: RoomRow; start: Date; end: Date } {
    for (;;) {
      const day = this.days[this.day]
      if (!day) throw new Error(`SlotAllocator: all ${this.days.length} days of one-hour slots are used`)
      const hours = Math.floor((day.end - day.start) / HOUR) // 23, 24 or 25 around DST
      if (this.hour >= hours) {
        this.day++
        this.hour = 0
        this.room = 0
        continue
      }
      const room = this.fx.rooms[this.room]!
      const start = day.start + this.hour * HOUR
      if (++this.room === this.fx.rooms.length) {
        this.room = 0
        this.hour++
      }
      return { room, start: new Date(start), end: new Date(start + HOUR) }
    }
  }
}

/** A slot claim's price and quote, as the pricing module makes them for a room's hourly rate. */
export function slotQuote(claim: { room: { name: string; hourlyRate: number }; minutes: number }) {
  const line = slotLine(0, claim.room.name, claim.room.hourlyRate, claim.minutes)
  return { amount: line.amount, quote: { currency: 'USD', lines: [line], subtotal: line.amount, discounts: 0, total: line.amount } }
}
