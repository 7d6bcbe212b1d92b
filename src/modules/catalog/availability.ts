import { DateTime } from '../../luxon.js'
import type { Deps } from '../../deps.js'
import type { Executor } from '../../db/client.js'
import { invalidInput, notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { freeIntervals } from '../availability/free-intervals.js'
import { beyondHorizon, horizonProblem } from '../availability/horizon.js'
import { localFormatter } from '../availability/local-time.js'
import { addDays, businessDay, localDate, type Interval } from '../availability/opening-hours.js'
import { busyBetween } from '../calendar/claims.js'
import { exceptionOn } from '../practitioners/queries.js'
import type { PractitionerService } from '../practitioners/service.js'
import { isClosedOn } from '../venues/queries.js'
import type { Venue, VenueService } from '../venues/service.js'
import type { CatalogService, Service } from './service.js'

/** Sessions start on this grid from the start of each range of the schedule, as a room's slots do. */
export const SESSION_GRID_MINUTES = 15
const DAY_MS = 86_400_000

/**
 * When a practitioner can start a 1:1 session of a service on a date (practitioner-local):
 * the weekly schedule (or that date's exception), less closures and every active claim on
 * the practitioner's one calendar (booked sessions and scheduled occurrences alike).
 */
export class SessionAvailability {
  constructor(
    private readonly deps: Deps,
    private readonly practitioners: PractitionerService,
    private readonly venues: VenueService,
    private readonly catalog: CatalogService,
  ) {}

  async forDate(practitionerId: string, serviceId: string, date: string, who?: AccessClaims) {
    const practitioner = await this.practitioners.visible(practitionerId, who)
    const service = await this.catalog.get(serviceId, who)
    if (service.practitionerId !== practitioner.id) throw notFound('Service')
    if (service.type !== 'session')
      throw invalidInput('Only 1:1 sessions are booked on the calendar; workshops and courses list occurrences', { field: 'service_id' })
    const venue = await this.venues.get(practitioner.venueId)
    const now = this.deps.clock()
    if (beyondHorizon(date, now, venue.timezone)) {
      throw invalidInput(horizonProblem.message, { field: 'date', reason: horizonProblem.reason, max_days_ahead: horizonProblem.max_days_ahead })
    }
    const free = await this.free(practitioner.id, venue, service, date, now)
    const local = free.length ? localFormatter(venue.timezone, free[0]!.start, free[free.length - 1]!.end) : () => ''
    return {
      date,
      timezone: venue.timezone,
      service_id: service.id,
      duration_minutes: service.durationMinutes,
      free: free.map((iv) => ({ start: local(iv.start), end: local(iv.end) })),
    }
  }

  /** Whether a session of the service can start on any date of [from, to]. */
  async anyBetween(service: Service, from: string, to: string): Promise<boolean> {
    const venue = await this.venues.get(service.venueId)
    const now = this.deps.clock()
    for (let date = from; date <= to; date = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!) {
      if ((await this.free(service.practitionerId, venue, service, date, now)).length > 0) return true
    }
    return false
  }

  private async free(practitionerId: string, venue: Venue, service: Service, date: string, now: Date): Promise<Interval[]> {
    const open = await workingRanges(this.deps.db, practitionerId, venue, date)
    if (open.length === 0) return []
    const busy = await busyBetween(this.deps.db, venue.id, new Date(open[0]!.start - DAY_MS), new Date(open[open.length - 1]!.end + DAY_MS))
    const rules = { slotMs: SESSION_GRID_MINUTES * 60_000, minMs: service.durationMinutes * 60_000, bufferMs: 0 }
    return freeIntervals(open, busy, rules, now.getTime())
  }
}

/** A practitioner's working ranges on a date: its exception's if it has one, else the weekday's, none if closed. */
export async function workingRanges(ex: Executor, practitionerId: string, venue: Venue, date: string): Promise<Interval[]> {
  if (await isClosedOn(ex, venue.id, date)) return []
  const exception = await exceptionOn(ex, practitionerId, date)
  if (!exception) return businessDay(date, venue.timezone, venue.openingHours)
  const weekday = DateTime.fromISO(date).weekday
  return businessDay(
    date,
    venue.timezone,
    exception.hours.map((h) => ({ weekday, ...h })),
  )
}

/**
 * Whether a session [start, end) lies within one working range and starts on its grid: the
 * range of the day it starts on, or of the day before (a range past midnight).
 */
export async function sessionFits(ex: Executor, practitionerId: string, venue: Venue, start: number, end: number): Promise<boolean> {
  const today = localDate(start, venue.timezone)
  for (const date of [addDays(today, -1), today]) {
    const range = (await workingRanges(ex, practitionerId, venue, date)).find((iv) => iv.start <= start && end <= iv.end)
    if (range) return (start - range.start) % (SESSION_GRID_MINUTES * 60_000) === 0
  }
  return false
}
