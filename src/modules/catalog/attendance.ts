import { eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { participantsOf, type Participant } from '../reservations/reads.js'
import { isVenueStaff } from '../venues/access.js'
import { attendance, serviceOccurrences } from './schema.js'

export interface Attendee extends Participant {
  attended: boolean | null
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
    const now = this.deps.clock()
    await this.deps.db
      .insert(attendance)
      .values({ occurrenceId, participantId, attended, markedBy: who.userId, markedAt: now })
      .onConflictDoUpdate({ target: [attendance.occurrenceId, attendance.participantId], set: { attended, markedBy: who.userId, markedAt: now } })
    return { ...person, attended }
  }

  /** Others learn nothing of an occurrence's people: 404 unless its venue's staff. */
  private async asStaff(who: AccessClaims, id: string) {
    const [occurrence] = await this.deps.db.select().from(serviceOccurrences).where(eq(serviceOccurrences.id, id))
    if (!occurrence || !(await isVenueStaff(this.deps.db, who, occurrence.venueId))) throw notFound('Occurrence')
    return occurrence
  }
}
