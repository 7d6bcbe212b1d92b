import { describe, expect, it } from 'vitest'
import { reservationStatuses } from '../../src/modules/reservations/schema.js'
import {
  ACTIVE_STATES,
  HOLD_STATES,
  INITIAL_STATES,
  SOLD_STATES,
  assertTransition,
  canTransition,
  counterOf,
  sourcesOf,
  transitions,
} from '../../src/modules/reservations/state.js'

describe('the transition table', () => {
  it('names every status and only known statuses', () => {
    expect(Object.keys(transitions).sort()).toEqual([...reservationStatuses].sort())
    for (const targets of Object.values(transitions)) for (const t of targets) expect(reservationStatuses).toContain(t)
  })

  it('follows the SPEC happy path pending → awaiting_payment → confirmed → checked_in → completed', () => {
    expect(canTransition('pending', 'awaiting_payment')).toBe(true)
    expect(canTransition('awaiting_payment', 'confirmed')).toBe(true)
    expect(canTransition('confirmed', 'checked_in')).toBe(true)
    expect(canTransition('checked_in', 'completed')).toBe(true)
  })

  it('lets every hold lapse, and nothing else', () => {
    expect(sourcesOf('expired').sort()).toEqual([...HOLD_STATES].sort())
  })

  it('has no way out of completed, refunded or no_show', () => {
    for (const s of ['completed', 'refunded', 'no_show'] as const) expect(transitions[s]).toEqual([])
  })

  it('reactivates a released claim only when a late payment re-claims an expired hold', () => {
    const reactivating = reservationStatuses
      .filter((s) => !ACTIVE_STATES.includes(s))
      .flatMap((from) => transitions[from].filter((to) => ACTIVE_STATES.includes(to)).map((to) => `${from}→${to}`))
    expect(reactivating).toEqual(['expired→confirmed'])
  })

  it('refuses illegal moves with invalid_transition', () => {
    expect(() => assertTransition('completed', 'cancelled')).toThrow(expect.objectContaining({ code: 'invalid_transition', status: 409 }))
    expect(() => assertTransition('pending', 'checked_in')).toThrow(expect.objectContaining({ code: 'invalid_transition' }))
    expect(() => assertTransition('pending', 'confirmed')).not.toThrow()
  })

  it('lets a reservation be born a hold or, for a walk-in seated now, checked in; nothing else', () => {
    expect(INITIAL_STATES).toEqual(['pending', 'checked_in'])
    expect(() => assertTransition(null, 'pending')).not.toThrow()
    expect(() => assertTransition(null, 'checked_in')).not.toThrow()
    for (const s of reservationStatuses.filter((s) => !INITIAL_STATES.includes(s))) {
      expect(() => assertTransition(null, s)).toThrow(expect.objectContaining({ code: 'invalid_transition' }))
    }
  })
})

describe('held, sold and active, stated once', () => {
  it('keeps a stay in `held` while a hold, in `sold` once confirmed until it is over, and nowhere after it ends otherwise', () => {
    expect(reservationStatuses.filter((s) => counterOf(s) === 'held')).toEqual([...HOLD_STATES])
    expect(reservationStatuses.filter((s) => counterOf(s) === 'sold')).toEqual([...SOLD_STATES])
    expect(reservationStatuses.filter((s) => counterOf(s) === null).sort()).toEqual(['cancelled', 'expired', 'no_show', 'refunded'])
  })

  it('counts as active exactly the holds and the sold states whose time is not over', () => {
    expect([...ACTIVE_STATES].sort()).toEqual([...new Set([...HOLD_STATES, ...SOLD_STATES])].filter((s) => s !== 'completed').sort())
  })
})
