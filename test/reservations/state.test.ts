import { describe, expect, it } from 'vitest'
import { reservationStatuses } from '../../src/modules/reservations/schema.js'
import { ACTIVE_STATES, HOLD_STATES, assertTransition, canTransition, sourcesOf, transitions } from '../../src/modules/reservations/state.js'

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
})
