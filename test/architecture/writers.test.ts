import { describe, expect, it } from 'vitest'
import { callsOn, files, rawInsertsInto, sqlTexts } from '../helpers/source.js'

// The files that write: a writer may hold a statement in two forms (one of them built once).
const writersOf = (paths: string[]) => [...new Set(paths)]

describe('one writer per invariant', () => {
  it('reservations.status is written by moveReservations alone (and set at birth by createReservation, or the one-statement holds)', () => {
    // Two calls there: the set-based move and its one-row form built once (fixedQuery).
    expect(
      writersOf(
        callsOn('update', 'reservations')
          .filter((c) => c.keys.includes('status'))
          .map((c) => c.path),
      ),
    ).toEqual(['modules/reservations/transition.ts'])
    expect(callsOn('insert', 'reservations').map((c) => c.path)).toEqual(['modules/reservations/create.ts'])
    // The one-statement holds (SlotHolds, SeatHolds) insert birthRow's values, the row createReservation inserts.
    expect(rawInsertsInto('reservations', 'reservations')).toEqual(['modules/reservations/hold-statement.ts'])
    const rawStatusWrites = files.flatMap((f) =>
      sqlTexts(f)
        .filter(({ text }) => /update\s+"?reservations"?\s+set\b[^;]*\bstatus\b/i.test(text))
        .map(() => f.path),
    )
    expect(rawStatusWrites).toEqual([])
  })

  it('the outbox is written by emit alone (and eventsIf, its form for a statement fixed once, beside it)', () => {
    expect(writersOf(callsOn('insert', 'outboxEvents').map((c) => c.path))).toEqual(['modules/events/outbox.ts'])
    expect(rawInsertsInto('outboxEvents', 'outbox_events')).toEqual(['modules/events/outbox.ts'])
  })

  it('the audit trail and its events are written by recordTransitions alone (and the one-statement holds, for a birth)', () => {
    expect(writersOf(callsOn('insert', 'reservationTransitions').map((c) => c.path))).toEqual(['modules/reservations/audit.ts'])
    expect(rawInsertsInto('reservationTransitions', 'reservation_transitions')).toEqual(['modules/reservations/hold-statement.ts'])
  })

  it('the seat counters are moved by shiftSeats alone (and seatsTakenIf, its form for a statement fixed once, beside it)', () => {
    expect(callsOn('update', 'serviceOccurrences').map((c) => c.path)).toEqual(['modules/catalog/seats.ts'])
    const rawTakes = files.flatMap((f) =>
      sqlTexts(f)
        .filter(({ text }) => /update\s+(\?|"?service_occurrences"?)\s+set\b[^;]*\btaken\b/i.test(text))
        .map(() => f.path),
    )
    expect(rawTakes).toEqual(['modules/catalog/seats.ts'])
  })

  it('the night counters are moved by shiftNights alone (and nightsHeldIf, its form for a statement fixed once, beside it)', () => {
    expect(
      callsOn('update', 'inventoryNights')
        .filter((c) => c.keys.includes('held') || c.keys.includes('sold'))
        .map((c) => c.path),
    ).toEqual([])
    const rawMoves = files.flatMap((f) =>
      sqlTexts(f)
        .filter(({ text }) => /update\s+(\?|"?inventory_nights"?)\s+\w*\s*set\b[^;]*\b(held|sold)\s*=/i.test(text))
        .map(() => f.path),
    )
    expect(rawMoves).toEqual(['modules/stays/nights.ts', 'modules/stays/nights.ts'])
  })
})
