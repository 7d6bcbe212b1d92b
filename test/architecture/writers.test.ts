import { describe, expect, it } from 'vitest'
import { callsOn, files, rawInsertsInto, sqlTexts } from '../helpers/source.js'

describe('one writer per invariant', () => {
  it('reservations.status is written by moveReservations alone (and set at birth by createReservation, or its one-statement form for one slot)', () => {
    expect(
      callsOn('update', 'reservations')
        .filter((c) => c.keys.includes('status'))
        .map((c) => c.path),
    ).toEqual(['modules/reservations/transition.ts'])
    expect(callsOn('insert', 'reservations').map((c) => c.path)).toEqual(['modules/reservations/create.ts'])
    // SlotHolds inserts birthRow's values, the row createReservation inserts.
    expect(rawInsertsInto('reservations', 'reservations')).toEqual(['modules/reservations/slot-hold.ts'])
    const rawStatusWrites = files.flatMap((f) =>
      sqlTexts(f)
        .filter(({ text }) => /update\s+"?reservations"?\s+set\b[^;]*\bstatus\b/i.test(text))
        .map(() => f.path),
    )
    expect(rawStatusWrites).toEqual([])
  })

  it('the outbox is written by emit alone (and eventsIf, its form for a statement fixed once, beside it)', () => {
    expect(callsOn('insert', 'outboxEvents').map((c) => c.path)).toEqual(['modules/events/outbox.ts'])
    expect(rawInsertsInto('outboxEvents', 'outbox_events')).toEqual(['modules/events/outbox.ts'])
  })

  it('the audit trail and its events are written by recordTransitions alone (and the one-slot hold, for its birth)', () => {
    expect(callsOn('insert', 'reservationTransitions').map((c) => c.path)).toEqual(['modules/reservations/audit.ts'])
    expect(rawInsertsInto('reservationTransitions', 'reservation_transitions')).toEqual(['modules/reservations/slot-hold.ts'])
  })
})
