import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  byQueueOrder,
  earliestStart,
  estimateWaits,
  runningSlotStart,
  type QueuedParty,
  type RoomTimeline,
  type Span,
} from '../../src/modules/waitlist/wait.js'

const MIN = 60_000
// 19:10 on an evening the venue is open 16:00–02:00 (times in minutes from 16:00).
const OPEN_AT = Date.parse('2027-01-08T23:00:00Z')
const at = (minutesAfterOpening: number) => OPEN_AT + minutesAfterOpening * MIN
const hm = (h: number, m = 0) => at((h - 16) * 60 + m)
const NOW = new Date(hm(19, 10))
const EVENING: Span[] = [{ start: hm(16), end: hm(26) }]

const room = (id: string, extra: Partial<RoomTimeline> = {}): RoomTimeline => ({
  id,
  capacity: 4,
  slotMinutes: 30,
  sessionMinutes: 60,
  bufferMinutes: 0,
  busy: [],
  ...extra,
})
let seq = 0
const party = (partySize = 2, joinedMinutesAgo = 30 - seq++, id = `p${String(seq).padStart(3, '0')}`): QueuedParty => ({
  id,
  partySize,
  createdAt: new Date(NOW.getTime() - joinedMinutesAgo * MIN),
})
const waits = (m: Map<string, { waitMinutes: number | null }>, queue: QueuedParty[]) => queue.map((p) => m.get(p.id)!.waitMinutes)

describe('queue order', () => {
  it('ranks by joining time, the id breaking ties, whatever order the rows come in', () => {
    const t = new Date(hm(19))
    const queue = [
      { id: 'c', partySize: 2, createdAt: new Date(hm(19, 5)) },
      { id: 'b', partySize: 2, createdAt: t },
      { id: 'a', partySize: 2, createdAt: t },
    ]
    expect([...queue].sort(byQueueOrder).map((p) => p.id)).toEqual(['a', 'b', 'c'])
    const estimates = estimateWaits(NOW, [], queue, EVENING)
    expect(['a', 'b', 'c'].map((id) => estimates.get(id)!.position)).toEqual([1, 2, 3])
  })
})

describe('running slot', () => {
  it('floors now to the grid of the opening interval, not of the clock', () => {
    expect(runningSlotStart(hm(19, 10), EVENING, 30)).toBe(hm(19))
    expect(runningSlotStart(hm(19, 30), EVENING, 30)).toBe(hm(19, 30))
    // Opening at 16:15 puts a 30-minute grid on :15 and :45.
    expect(runningSlotStart(hm(19, 10), [{ start: hm(16, 15), end: hm(26) }], 30)).toBe(hm(18, 45))
    expect(runningSlotStart(hm(19, 10), EVENING, 120)).toBe(hm(18))
  })

  it('is now itself when the venue is closed (booking then refuses it)', () => {
    expect(runningSlotStart(hm(15, 7), EVENING, 30)).toBe(hm(15, 7))
    expect(runningSlotStart(hm(26), EVENING, 30)).toBe(hm(26))
  })
})

describe('estimated wait', () => {
  it('is zero for a free room, and nothing without rooms or opening hours', () => {
    const q = [party()]
    expect(estimateWaits(NOW, [room('r')], q, EVENING).get(q[0]!.id)).toEqual({ position: 1, readyAt: NOW, waitMinutes: 0, roomId: 'r' })
    expect(estimateWaits(NOW, [], q, EVENING).get(q[0]!.id)).toMatchObject({ position: 1, readyAt: null, waitMinutes: null, roomId: null })
    expect(estimateWaits(NOW, [room('r')], q, []).get(q[0]!.id)!.readyAt).toBeNull()
  })

  it('waits for the claim covering now, rounded up to the next slot when its buffer ends off the grid', () => {
    const q = [party()]
    const onGrid = room('r', { busy: [{ start: hm(18), end: hm(19, 30) }] })
    expect(estimateWaits(NOW, [onGrid], q, EVENING).get(q[0]!.id)).toMatchObject({ readyAt: new Date(hm(19, 30)), waitMinutes: 20 })
    const offGrid = room('r', { busy: [{ start: hm(18), end: hm(19, 40) }] })
    expect(estimateWaits(NOW, [offGrid], q, EVENING).get(q[0]!.id)).toMatchObject({ readyAt: new Date(hm(20)), waitMinutes: 50 })
  })

  it('takes the running slot only when it is clear: a claim that ended inside it pushes to the next slot', () => {
    const endedOnTheSlot = room('r', { busy: [{ start: hm(18), end: hm(19) }] })
    const endedInsideIt = room('r', { busy: [{ start: hm(18), end: hm(19, 5) }] })
    expect(earliestStart(endedOnTheSlot, endedOnTheSlot.busy, EVENING, NOW.getTime())).toBe(hm(19))
    expect(earliestStart(endedInsideIt, endedInsideIt.busy, EVENING, NOW.getTime())).toBe(hm(19, 30))
  })

  it('skips a gap shorter than the session (plus the buffer) before the next booking', () => {
    const fits = room('r', { busy: [{ start: hm(20), end: hm(21) }] })
    expect(earliestStart(fits, fits.busy, EVENING, NOW.getTime())).toBe(hm(19))
    const tooShort = room('r', { busy: [{ start: hm(19, 30), end: hm(20, 30) }] })
    expect(earliestStart(tooShort, tooShort.busy, EVENING, NOW.getTime())).toBe(hm(20, 30))
    // With a 10-minute buffer, 19:00–20:00 would run into the 20:00 booking's way.
    const buffered = room('r', { bufferMinutes: 10, busy: [{ start: hm(20), end: hm(21, 10) }] })
    expect(earliestStart(buffered, buffered.busy, EVENING, NOW.getTime())).toBe(hm(21, 30))
  })

  it('does not start a session that would run past closing; the next opening is the answer', () => {
    const late = new Date(hm(25, 30))
    const nextEvening = { start: hm(16 + 24), end: hm(26 + 24) }
    const q = [party()]
    expect(estimateWaits(late, [room('r')], q, [...EVENING, nextEvening]).get(q[0]!.id)!.readyAt).toEqual(new Date(nextEvening.start))
    expect(estimateWaits(late, [room('r')], q, EVENING).get(q[0]!.id)!.readyAt).toBeNull()
    // Before opening, the first party is ready at the opening.
    expect(estimateWaits(new Date(hm(15)), [room('r')], q, EVENING).get(q[0]!.id)).toMatchObject({ readyAt: new Date(hm(16)), waitMinutes: 60 })
  })

  it('queues parties behind each other: each keeps the room for its session and the buffer', () => {
    const q = [party(), party(), party()]
    expect(waits(estimateWaits(NOW, [room('r')], q, EVENING), q)).toEqual([0, 50, 110])
    expect(waits(estimateWaits(NOW, [room('r', { bufferMinutes: 15 })], q, EVENING), q)).toEqual([0, 80, 170])
  })

  it('gives each party the room that frees first, the smallest on a tie, and skips rooms too small', () => {
    const small = room('small', { capacity: 2 })
    const big = room('big', { capacity: 10, busy: [{ start: hm(18), end: hm(20) }] })
    const q = [party(2), party(8), party(2), party(12), party(6)]
    const m = estimateWaits(NOW, [big, small], q, EVENING)
    expect(q.map((p) => m.get(p.id)!.roomId)).toEqual(['small', 'big', 'small', null, 'big'])
    // The party of 12 fits nowhere: no estimate, and it takes no room from those behind it.
    expect(waits(m, q)).toEqual([0, 50, 50, null, 110])
    expect(m.get(q[3]!.id)!.position).toBe(4)

    const twoFree = estimateWaits(NOW, [room('roomy', { capacity: 10 }), room('snug', { capacity: 4 })], [party(2)], EVENING)
    expect([...twoFree.values()][0]!.roomId).toBe('snug')
  })

  it('never promises a room over a claim, and a later party never waits less than an earlier one in a one-room venue', () => {
    const arbBusy = fc.array(fc.record({ start: fc.integer({ min: 0, max: 9 * 60 }), length: fc.integer({ min: 1, max: 180 }) }), { maxLength: 6 })
    fc.assert(
      fc.property(
        arbBusy,
        fc.constantFrom(15, 30, 60),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 8 * 60 }),
        fc.integer({ min: 1, max: 6 }),
        (busySpec, slot, sessionSlots, buffer, nowOffset, size) => {
          const now = new Date(at(nowOffset))
          const busy = busySpec.map((b) => ({ start: at(b.start), end: at(b.start + b.length) }))
          const r = room('r', { slotMinutes: slot, sessionMinutes: slot * sessionSlots, bufferMinutes: buffer, busy })
          const queue = Array.from({ length: size }, (_, i) => ({ id: `q${i}`, partySize: 2, createdAt: new Date(at(-i)) }))
          const estimates = [...estimateWaits(now, [r], queue, EVENING).values()].sort((a, b) => a.position - b.position)
          let previous = -Infinity
          for (const e of estimates) {
            if (e.readyAt === null) {
              previous = Infinity
              continue
            }
            const t = e.readyAt.getTime()
            expect(t).toBeGreaterThanOrEqual(now.getTime())
            expect(t).toBeGreaterThanOrEqual(previous)
            expect(e.waitMinutes).toBe(Math.ceil((t - now.getTime()) / MIN))
            previous = t
            if (t > now.getTime()) {
              // A future start is on the grid, inside opening hours and clear of every claim.
              expect((t - OPEN_AT) % (slot * MIN)).toBe(0)
              const end = t + (r.sessionMinutes + buffer) * MIN
              expect(t + r.sessionMinutes * MIN).toBeLessThanOrEqual(EVENING[0]!.end)
              expect(busy.some((b) => b.start < end && t < b.end)).toBe(false)
            }
          }
        },
      ),
    )
  })
})
