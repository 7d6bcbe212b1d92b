import type { Interval } from './opening-hours.js'

export interface SlotRules {
  slotMs: number
  minMs: number
  bufferMs: number
}

const MINUTE = 60_000

export const rulesOf = (room: { slotMinutes: number; minMinutes: number; bufferMinutes: number }): SlotRules => ({
  slotMs: room.slotMinutes * MINUTE,
  minMs: room.minMinutes * MINUTE,
  bufferMs: room.bufferMinutes * MINUTE,
})

/**
 * The maximal free intervals of one room within its opening intervals. `busy` are the
 * spans existing claims block (their own buffer included). A new booking needs its buffer
 * free after it too, except at closing time. Each result starts and ends on the slot grid,
 * which is anchored at the opening instant, and is at least the minimum booking long, so
 * any grid-aligned booking of allowed length inside it is accepted.
 */
export function freeIntervals(open: readonly Interval[], busy: readonly Interval[], rules: SlotRules, notBefore: number): Interval[] {
  const sortedBusy = [...busy].sort((a, b) => a.start - b.start)
  const out: Interval[] = []
  for (const iv of open) {
    let cursor = iv.start
    const push = (from: number, to: number) => {
      const start = iv.start + Math.ceil((Math.max(from, notBefore) - iv.start) / rules.slotMs) * rules.slotMs
      const end = iv.start + Math.floor((to - iv.start) / rules.slotMs) * rules.slotMs
      if (end - start >= rules.minMs) out.push({ start, end })
    }
    for (const b of sortedBusy) {
      if (b.end <= cursor) continue
      // A claim just past closing still matters if our buffer would reach into it.
      if (b.start >= iv.end + rules.bufferMs) break
      if (b.start > cursor) push(cursor, Math.min(iv.end, b.start - rules.bufferMs))
      cursor = Math.max(cursor, b.end)
    }
    if (cursor < iv.end) push(cursor, iv.end)
  }
  return out
}
