import { describe, expect, it } from 'vitest'
import { callsOn, files, sqlTexts } from '../helpers/source.js'

describe('one writer per invariant', () => {
  it('reservations.status is written by moveReservations alone (and set at birth by createReservation)', () => {
    expect(
      callsOn('update', 'reservations')
        .filter((c) => c.keys.includes('status'))
        .map((c) => c.path),
    ).toEqual(['modules/reservations/transition.ts'])
    expect(callsOn('insert', 'reservations').map((c) => c.path)).toEqual(['modules/reservations/create.ts'])
    const rawStatusWrites = files.flatMap((f) =>
      sqlTexts(f)
        .filter(({ text }) => /update\s+"?reservations"?\s+set\b[^;]*\bstatus\b/i.test(text))
        .map(() => f.path),
    )
    expect(rawStatusWrites).toEqual([])
  })

  it('the outbox is written by emit alone', () => {
    expect(callsOn('insert', 'outboxEvents').map((c) => c.path)).toEqual(['modules/events/outbox.ts'])
    const rawInserts = files.flatMap((f) =>
      sqlTexts(f)
        .filter(({ text }) => /insert\s+into\s+"?outbox_events"?/i.test(text))
        .map(() => f.path),
    )
    expect(rawInserts).toEqual([])
  })

  it('the audit trail and its events are written by recordTransitions alone', () => {
    expect(callsOn('insert', 'reservationTransitions').map((c) => c.path)).toEqual(['modules/reservations/audit.ts'])
  })
})
