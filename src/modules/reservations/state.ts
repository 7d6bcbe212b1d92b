import { AppError } from '../../http/errors.js'
import type { ReservationStatus } from './schema.js'

/** The one transition table: from each state, the states it may move to. */
export const transitions: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  pending: ['awaiting_payment', 'confirmed', 'cancelled', 'expired'],
  awaiting_payment: ['pending', 'confirmed', 'cancelled', 'expired'],
  confirmed: ['checked_in', 'cancelled', 'no_show', 'refunded'],
  checked_in: ['completed'],
  completed: [],
  cancelled: ['refunded'],
  // A payment that lands after its hold expired takes the inventory back if it is still
  // free (only the payment webhook may do this), or is refunded.
  expired: ['confirmed', 'refunded'],
  refunded: [],
  no_show: [],
}

/**
 * The states a reservation may be born in: a hold (every booking), or checked in (a walk-in
 * the staff seat in a free room, who is in the room already).
 */
export const INITIAL_STATES: readonly ReservationStatus[] = ['pending', 'checked_in']

/** States whose claims hold inventory: slots under the exclusion constraint, stays in the counters. */
export const ACTIVE_STATES: readonly ReservationStatus[] = ['pending', 'awaiting_payment', 'confirmed', 'checked_in']

/** States that are holds: they lapse at hold_expires_at unless confirmed. Their stays count as `held`. */
export const HOLD_STATES: readonly ReservationStatus[] = ['pending', 'awaiting_payment']

/**
 * States whose stays count as `sold`: confirmed, in the house, or done (a completed stay's
 * nights were used, and the reports count them).
 */
export const SOLD_STATES: readonly ReservationStatus[] = ['confirmed', 'checked_in', 'completed']

/** The per-night counter a reservation's stays sit in. */
export type Counter = 'held' | 'sold'

/** The counter a reservation in `status` keeps its stays in; null once they are released. */
export function counterOf(status: ReservationStatus): Counter | null {
  if (HOLD_STATES.includes(status)) return 'held'
  if (SOLD_STATES.includes(status)) return 'sold'
  return null
}

export const canTransition = (from: ReservationStatus, to: ReservationStatus) => transitions[from].includes(to)

/** The states from which `to` can be reached; used to write set-based updates. */
export const sourcesOf = (to: ReservationStatus) => (Object.keys(transitions) as ReservationStatus[]).filter((from) => canTransition(from, to))

/** Checks a move, or a birth (`from` null), against the table. */
export function assertTransition(from: ReservationStatus | null, to: ReservationStatus): void {
  if (from === null) {
    if (!INITIAL_STATES.includes(to)) throw new AppError('invalid_transition', `A reservation cannot be created ${to}`, { from, to })
    return
  }
  if (!canTransition(from, to)) {
    throw new AppError('invalid_transition', `A ${from} reservation cannot become ${to}`, { from, to })
  }
}

export const isActive = (s: ReservationStatus) => ACTIVE_STATES.includes(s)
export const isHold = (s: ReservationStatus) => HOLD_STATES.includes(s)
