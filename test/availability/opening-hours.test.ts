import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { freeIntervals } from '../../src/modules/availability/free-intervals.js'
import { businessDay, merge, openingFor, wallClock } from '../../src/modules/availability/opening-hours.js'
import type { OpeningRange } from '../../src/modules/venues/schema.js'

const HOUR = 3600_000
const MIN = 60_000
const everyDay = (open: string, close: string): OpeningRange[] => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close }))
const iso = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })

describe('business days', () => {
  const zone = 'America/Denver'

  it('runs a 16:00–02:00 day into the next calendar day', () => {
    const [day] = businessDay('2027-01-08', zone, everyDay('16:00', '02:00'))
    expect(iso(day!.start, zone)).toBe('2027-01-08T16:00:00-07:00')
    expect(iso(day!.end, zone)).toBe('2027-01-09T02:00:00-07:00')
  })

  it('is 23 hours long when the clocks spring forward and 25 when they fall back', () => {
    const allDay = everyDay('00:00', '00:00')
    const spring = businessDay('2027-03-14', zone, allDay)
    const fall = businessDay('2027-11-07', zone, allDay)
    expect(spring.map((d) => (d.end - d.start) / HOUR)).toEqual([23])
    expect(fall.map((d) => (d.end - d.start) / HOUR)).toEqual([25])
  })

  it('closes a night whose 02:00 does not exist at 03:00 daylight time, after 10 real hours', () => {
    const [night] = businessDay('2027-03-13', zone, everyDay('16:00', '02:00'))
    expect(iso(night!.end, zone)).toBe('2027-03-14T03:00:00-06:00')
    expect((night!.end - night!.start) / HOUR).toBe(10)
  })

  it('turns wall-clock times into instants the same way when asked again (they are kept)', () => {
    const asked = () => [wallClock('2027-03-14', '02:30', zone), wallClock('2027-03-14', '15:00', zone), wallClock('2027-03-14', '15:00', 'Asia/Tokyo')]
    const first = asked()
    expect(first.map((ms) => iso(ms, zone))).toEqual(['2027-03-14T03:30:00-06:00', '2027-03-14T15:00:00-06:00', '2027-03-13T23:00:00-07:00'])
    expect(asked()).toEqual(first)
    expect(wallClock('2027-02-30', '15:00', zone)).toBeNaN()
  })

  it('gives the fall-back night its extra hour', () => {
    const [night] = businessDay('2027-11-06', zone, everyDay('16:00', '02:00'))
    expect(iso(night!.start, zone)).toBe('2027-11-06T16:00:00-06:00')
    expect(iso(night!.end, zone)).toBe('2027-11-07T02:00:00-07:00')
    expect((night!.end - night!.start) / HOUR).toBe(11)
  })

  it('keeps several ranges a day and merges overlapping ones', () => {
    const hours = [
      { weekday: 5, open: '11:00', close: '14:00' },
      { weekday: 5, open: '13:00', close: '15:00' },
      { weekday: 5, open: '18:00', close: '23:00' },
    ]
    const day = businessDay('2027-01-08', zone, hours)
    expect(day.map((d) => [iso(d.start, zone), iso(d.end, zone)])).toEqual([
      ['2027-01-08T11:00:00-07:00', '2027-01-08T15:00:00-07:00'],
      ['2027-01-08T18:00:00-07:00', '2027-01-08T23:00:00-07:00'],
    ])
    expect(businessDay('2027-01-09', zone, hours)).toEqual([])
  })

  it('finds the previous evening for a booking after midnight, and skips closed days', () => {
    const hours = everyDay('16:00', '02:00')
    const start = DateTime.fromISO('2027-01-09T00:30', { zone }).toMillis()
    expect(openingFor(start, start + HOUR, zone, hours, new Set())?.date).toBe('2027-01-08')
    expect(openingFor(start, start + HOUR, zone, hours, new Set(['2027-01-08']))).toBeUndefined()
  })

  it('merges touching intervals', () => {
    expect(
      merge([
        { start: 5, end: 10 },
        { start: 0, end: 5 },
      ]),
    ).toEqual([{ start: 0, end: 10 }])
  })
})

describe('free intervals', () => {
  const rules = { slotMs: 30 * MIN, minMs: 60 * MIN, bufferMs: 0 }
  const open = [{ start: 0, end: 10 * HOUR }]

  it('subtracts claims and keeps the buffer before the next claim', () => {
    const busy = [{ start: 3 * HOUR, end: 5 * HOUR }]
    expect(freeIntervals(open, busy, { ...rules, bufferMs: 15 * MIN }, -Infinity)).toEqual([
      { start: 0, end: 2.5 * HOUR },
      { start: 5 * HOUR, end: 10 * HOUR },
    ])
  })

  it('snaps to the grid and drops gaps shorter than the minimum', () => {
    const busy = [
      { start: 1 * HOUR + 10 * MIN, end: 2 * HOUR },
      { start: 2 * HOUR + 50 * MIN, end: 4 * HOUR },
    ]
    expect(freeIntervals(open, busy, rules, -Infinity)).toEqual([
      { start: 0, end: 1 * HOUR },
      { start: 4 * HOUR, end: 10 * HOUR },
    ])
  })

  it('offers nothing before now', () => {
    expect(freeIntervals(open, [], rules, 7 * HOUR + 1)).toEqual([{ start: 7.5 * HOUR, end: 10 * HOUR }])
  })
})

const zones = Intl.supportedValuesOf('timeZone').filter((z) => DateTime.local().setZone(z).isValid)
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
const range = fc.record({ weekday: fc.integer({ min: 1, max: 7 }), open: clock, close: clock })

describe('property: every offered slot lies within opening hours', () => {
  it('holds for random zones, dates, hours, grids and claims', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.array(range, { minLength: 1, maxLength: 14 }),
        fc.constantFrom(15, 30, 60),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 10, 30),
        fc.array(fc.tuple(fc.integer({ min: -6 * 60, max: 36 * 60 }), fc.integer({ min: 15, max: 240 })), { maxLength: 8 }),
        (zone, when, hours, slotMinutes, minSlots, bufferMinutes, claims) => {
          const date = DateTime.fromJSDate(when, { zone: 'UTC' }).toISODate()!
          const open = businessDay(date, zone, hours)
          const dayStart = DateTime.fromISO(date, { zone }).toMillis()
          const busy = claims.map(([offset, length]) => ({ start: dayStart + offset * MIN, end: dayStart + (offset + length + bufferMinutes) * MIN }))
          const rules = { slotMs: slotMinutes * MIN, minMs: minSlots * slotMinutes * MIN, bufferMs: bufferMinutes * MIN }
          for (const free of freeIntervals(open, busy, rules, -Infinity)) {
            const within = open.find((iv) => iv.start <= free.start && free.end <= iv.end)
            expect(within).toBeDefined()
            expect((free.start - within!.start) % rules.slotMs).toBe(0)
            expect((free.end - within!.start) % rules.slotMs).toBe(0)
            expect(free.end - free.start).toBeGreaterThanOrEqual(rules.minMs)
            // Booking the whole interval would collide with no claim, buffer included.
            for (const b of busy) expect(free.end + rules.bufferMs <= b.start || b.end <= free.start).toBe(true)
            // And each offered start, read on the venue's wall clock, falls inside a listed range of that weekday or the previous evening's.
            expect(openingFor(free.start, free.start + rules.minMs, zone, hours, new Set())).toBeDefined()
          }
        },
      ),
      { numRuns: 400 },
    )
  })
})
