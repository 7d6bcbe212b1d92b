import { constraintName, isUnavailable, sqlState } from '../db/errors.js'

/** Every machine code the API answers with, and its HTTP status. The one error table. */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  malformed_request: 400,
  malformed_url: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_token: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  already_verified: 409,
  slug_taken: 409,
  slot_taken: 409,
  calendar_conflict: 409,
  already_applied: 409,
  not_verified: 403,
  course_scheduled: 409,
  not_completed: 409,
  already_reviewed: 409,
  already_replied: 409,
  entitlement_used_up: 409,
  entitlement_expired: 409,
  purchase_final: 409,
  payouts_disabled: 409,
  payouts_held: 409,
  below_minimum: 409,
  already_subscribed: 409,
  media_in_use: 409,
  sold_out: 409,
  units_below_sold: 409,
  invalid_transition: 409,
  idempotency_in_flight: 409,
  room_has_reservations: 409,
  last_owner: 409,
  price_changed: 409,
  too_early: 409,
  too_late: 409,
  not_virtual: 409,
  not_confirmed: 409,
  recording_running: 409,
  no_recording: 409,
  session_not_open: 403,
  refund_exceeds_paid: 409,
  nothing_to_refund: 409,
  payment_rejected: 402,
  invalid_signature: 400,
  invalid_reset_token: 400,
  invalid_verification_token: 400,
  url_not_allowed: 400,
  auto_confirm_disabled: 403,
  request_timeout: 408,
  hold_expired: 410,
  session_over: 410,
  body_too_large: 413,
  file_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  upgrade_required: 426,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  method_not_implemented: 501,
  payment_gateway_unavailable: 502,
  video_service_unavailable: 502,
  database_unavailable: 503,
  video_unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail: unknown = null,
  ) {
    super(message)
  }

  get status(): number {
    return errorStatus[this.code]
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`)
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message)
export const invalidInput = (message: string, detail: unknown = null) => new AppError('validation_failed', message, detail)

/**
 * Turns database errors into API errors. Exclusion violations are always double bookings;
 * check violations on inventory counters are sell-outs; other checks are bad input that
 * slipped past the schemas.
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  const state = sqlState(error)
  if (state === '23P01') return new AppError('slot_taken', 'That time is already booked', null)
  if (state === '23514') {
    const name = constraintName(error) ?? ''
    if (name === 'inventory_nights_fit_check') return new AppError('sold_out', 'Not enough units left', null)
    return new AppError('validation_failed', 'A value is out of range', { constraint: name || null })
  }
  if (state === '23505') return new AppError('conflict', 'That already exists', { constraint: constraintName(error) ?? null })
  // Deadlocks and serialization failures: nothing was written, a retry may well succeed.
  if (state === '40P01' || state === '40001') return new AppError('conflict', 'A concurrent change got in the way; try again', { retryable: true })
  if (state === '22003') return new AppError('validation_failed', 'A number is out of range', null)
  if (state === '22021' || state === '22P05') return new AppError('validation_failed', 'Text contains characters that cannot be stored', null)
  if (state === '23503') return new AppError('validation_failed', 'A referenced object does not exist', null)
  if (state === '22P02' || state === '22007' || state === '22008') return new AppError('validation_failed', 'A value has the wrong format', null)
  if (isUnavailable(error)) return new AppError('database_unavailable', 'The database is unavailable, try again shortly')
  return undefined
}
