import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { localFormatter } from '../../src/modules/availability/local-time.js'

// Luxon writes a zero offset as +00:00 for named zones, as we do (its 'UTC' shorthand says Z).
const zones = ['America/Denver', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca']

describe('local time formatting', () => {
  it('agrees with Luxon for any instant, inside or outside the span, across DST changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2029-01-01') }),
        fc.integer({ min: 0, max: 30 * 3600_000 }),
        fc.integer({ min: -3600_000, max: 32 * 3600_000 }),
        (zone, from, length, offset) => {
          const fmt = localFormatter(zone, from, from + length)
          const ms = Math.floor((from + offset) / 60_000) * 60_000
          expect(fmt(ms)).toBe(DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('writes both offsets of the fall-back night', () => {
    const from = Date.parse('2027-11-07T06:00:00Z')
    const fmt = localFormatter('America/Denver', from, from + 4 * 3600_000)
    expect(fmt(Date.parse('2027-11-07T07:00:00Z'))).toBe('2027-11-07T01:00:00-06:00')
    expect(fmt(Date.parse('2027-11-07T08:00:00Z'))).toBe('2027-11-07T01:00:00-07:00')
  })
})
