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

/** States whose claims hold inventory. */
export const ACTIVE_STATES: readonly ReservationStatus[] = ['pending', 'awaiting_payment', 'confirmed', 'checked_in']

/** States that are holds: they lapse at hold_expires_at unless confirmed. */
export const HOLD_STATES: readonly ReservationStatus[] = ['pending', 'awaiting_payment']

export const canTransition = (from: ReservationStatus, to: ReservationStatus) => transitions[from].includes(to)

/** The states from which `to` can be reached; used to write set-based updates. */
export const sourcesOf = (to: ReservationStatus) => (Object.keys(transitions) as ReservationStatus[]).filter((from) => canTransition(from, to))

export function assertTransition(from: ReservationStatus, to: ReservationStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('invalid_transition', `A ${from} reservation cannot become ${to}`, { from, to })
  }
}

export const isActive = (s: ReservationStatus) => ACTIVE_STATES.includes(s)
