import { and, count, desc, eq, isNull } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { constraintName, sqlState } from '../../db/errors.js'
import { AppError, forbidden, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { moveServiceRating, servicesByIds } from '../catalog/queries.js'
import { notifyPractitioner } from '../notifications/practitioner-mail.js'
import { moveRating, practitionerById, practitionerOfVenue } from '../practitioners/queries.js'
import { bookedService, reservationById } from '../reservations/reads.js'
import { isVenueStaff } from '../venues/access.js'
import { reviews } from './schema.js'

export type Review = typeof reviews.$inferSelect

export class ReviewService {
  constructor(private readonly deps: Deps) {}

  /**
   * The customer of a completed marketplace booking reviews it, once. The review and both
   * averages (practitioner, service) change in one transaction, each by an atomic increment,
   * so concurrent reviews never lose a count.
   */
  async create(who: AccessClaims, input: { reservation_id: string; rating: number; text?: string }): Promise<Review> {
    const r = await reservationById(this.deps.db, input.reservation_id)
    if (!r || r.userId !== who.userId) throw notFound('Reservation')
    const [serviceId, practitioner] = await Promise.all([bookedService(this.deps.db, r.id), practitionerOfVenue(this.deps.db, r.venueId)])
    if (!serviceId || !practitioner) throw invalidInput('Only a marketplace booking is reviewed', { field: 'reservation_id' })
    if (r.status !== 'completed') throw new AppError('not_completed', 'A booking is reviewed once it is completed', { status: r.status })
    try {
      return await this.deps.db.transaction(async (tx) => {
        const [review] = await tx
          .insert(reviews)
          .values({
            reservationId: r.id,
            userId: who.userId,
            practitionerId: practitioner.id,
            serviceId,
            rating: input.rating,
            text: input.text ?? '',
            createdAt: this.deps.clock(),
          })
          .returning()
        await moveRating(tx, practitioner.id, input.rating, 1)
        await moveServiceRating(tx, serviceId, input.rating, 1)
        const title = (await servicesByIds(tx, [serviceId])).get(serviceId)?.title ?? 'a session'
        await notifyPractitioner(
          tx,
          { userId: practitioner.userId, venueId: practitioner.venueId },
          { template: 'review_received', rating: input.rating, service: title },
          { id: review!.id, key: review!.id },
          this.deps.clock(),
        )
        return review!
      })
    } catch (error) {
      if (sqlState(error) === '23505' && constraintName(error) === 'reviews_reservation_key') {
        throw new AppError('already_reviewed', 'This booking is reviewed already', null)
      }
      throw error
    }
  }

  /** The practitioner's staff answer a review, once. */
  async reply(who: AccessClaims, id: string, text: string): Promise<Review> {
    const review = await this.visible(id)
    const practitioner = (await practitionerById(this.deps.db, review.practitionerId))!
    if (!(await isVenueStaff(this.deps.db, who, practitioner.venueId))) throw forbidden('Only the practitioner replies to their reviews')
    const [updated] = await this.deps.db
      .update(reviews)
      .set({ reply: text, repliedAt: this.deps.clock() })
      .where(and(eq(reviews.id, id), isNull(reviews.reply)))
      .returning()
    if (!updated) throw new AppError('already_replied', 'This review has a reply already', null)
    return updated
  }

  /** An admin hides a review: it leaves the list and the averages, once. */
  async hide(who: AccessClaims, id: string): Promise<Review> {
    if (who.role !== 'admin') throw forbidden('Only administrators hide reviews')
    return this.deps.db.transaction(async (tx) => {
      const [hidden] = await tx
        .update(reviews)
        .set({ hiddenAt: this.deps.clock() })
        .where(and(eq(reviews.id, id), isNull(reviews.hiddenAt)))
        .returning()
      if (!hidden) {
        const [existing] = await tx.select().from(reviews).where(eq(reviews.id, id))
        if (!existing) throw notFound('Review')
        return existing
      }
      await moveRating(tx, hidden.practitionerId, hidden.rating, -1)
      await moveServiceRating(tx, hidden.serviceId, hidden.rating, -1)
      return hidden
    })
  }

  async ofPractitioner(practitionerId: string, page: PageParams) {
    const practitioner = await practitionerById(this.deps.db, practitionerId)
    if (!practitioner || practitioner.verificationStatus !== 'verified') throw notFound('Practitioner')
    const where = and(eq(reviews.practitionerId, practitionerId), isNull(reviews.hiddenAt))
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(reviews).where(where).orderBy(desc(reviews.createdAt), desc(reviews.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(reviews).where(where),
    ])
    return { rows, count: total!.n }
  }

  private async visible(id: string): Promise<Review> {
    const [review] = await this.deps.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.id, id), isNull(reviews.hiddenAt)))
    if (!review) throw notFound('Review')
    return review
  }
}
