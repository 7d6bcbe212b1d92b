import { eq } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { participantsOf, type Participant } from '../reservations/reads.js'
import { isVenueStaff } from '../venues/access.js'
import { attendance, serviceOccurrences } from './schema.js'

export interface Attendee extends Participant {
  attended: boolean | null
}

type Mark = typeof attendance.$inferInsert

/**
 * The one writer of attendance: `replace` overwrites a mark already there (the practitioner
 * changing their mind), `keep` leaves it. Answers whether a row was written.
 */
async function writeAttendance(ex: Executor, mark: Mark, mode: 'replace' | 'keep'): Promise<boolean> {
  const insert = ex.insert(attendance).values(mark)
  const target = [attendance.occurrenceId, attendance.participantId]
  const rows = await (
    mode === 'replace'
      ? insert.onConflictDoUpdate({ target, set: { attended: mark.attended, markedBy: mark.markedBy, markedAt: mark.markedAt } })
      : insert.onConflictDoNothing({ target })
  ).returning({ id: attendance.participantId })
  return rows.length > 0
}

/** Who is in an occurrence and whether they came: the practitioner's own staff only. */
export class AttendanceService {
  constructor(private readonly deps: Deps) {}

  async list(who: AccessClaims, occurrenceId: string): Promise<Attendee[]> {
    const occurrence = await this.asStaff(who, occurrenceId)
    const [people, marks] = await Promise.all([
      participantsOf(this.deps.db, occurrence),
      this.deps.db.select().from(attendance).where(eq(attendance.occurrenceId, occurrence.id)),
    ])
    const marked = new Map(marks.map((m) => [m.participantId, m.attended]))
    return people.map((p) => ({ ...p, attended: marked.get(p.id) ?? null }))
  }

  /** Marks one participant (of this occurrence, else 404) as come or not; marking again replaces it. */
  async mark(who: AccessClaims, occurrenceId: string, participantId: string, attended: boolean): Promise<Attendee> {
    const occurrence = await this.asStaff(who, occurrenceId)
    const person = (await participantsOf(this.deps.db, occurrence)).find((p) => p.id === participantId)
    if (!person) throw notFound('Participant')
    await writeAttendance(this.deps.db, { occurrenceId, participantId, attended, markedBy: who.userId, markedAt: this.deps.clock() }, 'replace')
    return { ...person, attended }
  }

  /**
   * A booker came into the occurrence's video room: their own seat (the one booked in their
   * name, else their booking's first) is marked attended, unless the practitioner marked it
   * already, whose word stands. Answers the participant marked, or null if none was.
   */
  async markJoined(tx: Tx, occurrenceId: string, reservationId: string, userId: string, at: Date): Promise<string | null> {
    const [occurrence] = await tx.select().from(serviceOccurrences).where(eq(serviceOccurrences.id, occurrenceId))
    if (!occurrence) return null
    const seats = (await participantsOf(tx, occurrence)).filter((p) => p.reservationId === reservationId)
    const person = seats.find((p) => p.userId === userId) ?? seats[0]
    if (!person) return null
    const written = await writeAttendance(tx, { occurrenceId, participantId: person.id, attended: true, markedBy: userId, markedAt: at }, 'keep')
    return written ? person.id : null
  }

  /** Others learn nothing of an occurrence's people: 404 unless its venue's staff. */
  private async asStaff(who: AccessClaims, id: string) {
    const [occurrence] = await this.deps.db.select().from(serviceOccurrences).where(eq(serviceOccurrences.id, id))
    if (!occurrence || !(await isVenueStaff(this.deps.db, who, occurrence.venueId))) throw notFound('Occurrence')
    return occurrence
  }
}
