import type { Tx } from '../../db/client.js'
import { contactsOf } from '../auth/users.js'
import { insertNew, rowsFor } from './facts.js'
import { renderPractitioner, type PractitionerNotice } from './templates.js'

export interface PractitionerRecipient {
  userId: string
  venueId: string
}

/**
 * Queues a practitioner's message to their account (inbox and email), in the caller's
 * transaction: it is sent if and only if what it reports commits. `key` names what it is
 * about (a payout, a review), so the same news is queued once. Answers how many rows were new.
 */
export async function notifyPractitioner(
  tx: Tx,
  to: PractitionerRecipient,
  notice: PractitionerNotice,
  subject: { id: string; key: string },
  now: Date,
): Promise<number> {
  const contact = (await contactsOf(tx, [to.userId])).get(to.userId)
  const rendered = renderPractitioner(contact?.name ?? null, notice)
  const message = {
    template: notice.template,
    rendered,
    venueId: to.venueId,
    subjectId: subject.id,
    data: { ...notice, subject_id: subject.id },
    occurredAt: now,
  }
  const rows = rowsFor(message, { userId: to.userId, email: contact?.email ?? null, phone: null, name: contact?.name ?? null }, now, (channel, recipient) =>
    [notice.template, subject.key, channel, recipient].join(':'),
  )
  return insertNew(tx, rows)
}
