import { AppError } from '../../http/errors.js'
import type { WaitlistStatus } from './schema.js'

/**
 * The waitlist's transition table. Notifying again is allowed (the SMS is re-sent); every
 * state may be archived, which only the TTL job does.
 */
export const transitions: Readonly<Record<WaitlistStatus, readonly WaitlistStatus[]>> = {
  waiting: ['notified', 'seated', 'left', 'no_show', 'archived'],
  notified: ['notified', 'seated', 'left', 'no_show', 'archived'],
  seated: ['archived'],
  left: ['archived'],
  no_show: ['archived'],
  archived: [],
}

/** The states of a party still in the queue: they have a position and an estimate. */
export const QUEUED: readonly WaitlistStatus[] = ['waiting', 'notified']

export const isQueued = (s: WaitlistStatus) => QUEUED.includes(s)

export function assertTransition(from: WaitlistStatus, to: WaitlistStatus): void {
  if (!transitions[from].includes(to)) {
    throw new AppError('invalid_transition', `A ${from} waitlist entry cannot become ${to}`, { from, to })
  }
}
