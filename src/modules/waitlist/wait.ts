/**
 * Queue position and estimated wait, by simulation. Pure: the caller loads the rooms, their
 * claims and the opening hours, and passes `now`.
 */

const MINUTE = 60_000

/** A half-open span of instants, in epoch milliseconds. */
export interface Span {
  start: number
  end: number
}

export interface RoomTimeline {
  id: string
  capacity: number
  slotMinutes: number
  /** How long a walk-in is expected to stay: the room's minimum booking length. */
  sessionMinutes: number
  bufferMinutes: number
  /** What active claims block, each [starts_at, blocked_until), in any order. */
  busy: readonly Span[]
}

export interface QueuedParty {
  id: string
  partySize: number
  createdAt: Date
}

export interface WaitEstimate {
  /** 1-based rank in the active queue. */
  position: number
  /** When a room should be ready for the party; null when no room can hold it. */
  readyAt: Date | null
  waitMinutes: number | null
  /** The room the simulation gave the party (a hint for staff, not a promise). */
  roomId: string | null
}

/** Queue order: who joined first, the id breaking ties the way the database orders uuids. */
export function byQueueOrder(a: QueuedParty, b: QueuedParty): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * The start of the slot of the room's grid running at `now`: a walk-in takes the slot that is
 * already running rather than wait for the next one. The grid starts where the opening
 * interval starts (as booking requires); outside opening hours there is no grid and `now`
 * is answered, which booking then refuses.
 */
export function runningSlotStart(now: number, open: readonly Span[], slotMinutes: number): number {
  const iv = open.find((o) => o.start <= now && now < o.end)
  if (!iv) return now
  const slot = slotMinutes * MINUTE
  return iv.start + Math.floor((now - iv.start) / slot) * slot
}

/**
 * The earliest start at or after the running slot at which a walk-in session fits the room:
 * on its grid, inside one opening interval, and clear of every busy span including the
 * buffer after the session — so a gap shorter than that before the next booking is skipped.
 * Null when nothing fits within the opening intervals given (`open`, sorted by start).
 */
export function earliestStart(room: RoomTimeline, busy: readonly Span[], open: readonly Span[], now: number): number | null {
  const slot = room.slotMinutes * MINUTE
  const session = room.sessionMinutes * MINUTE
  const blocked = session + room.bufferMinutes * MINUTE
  let from = now
  // Only the first candidate rounds down (the running slot); later ones wait for the next slot.
  let round = Math.floor
  // Each turn moves the candidate strictly forward (a clash ends after it); the bound only
  // guards against malformed input.
  for (let turn = 0; turn < 10_000; turn++) {
    const iv = open.find((o) => o.end > from)
    if (!iv) return null
    const start = iv.start >= from ? iv.start : iv.start + round((from - iv.start) / slot) * slot
    round = Math.ceil
    if (start + session > iv.end) {
      from = iv.end
      continue
    }
    const clash = busy.find((b) => b.start < start + blocked && start < b.end)
    if (!clash) return start
    from = clash.end
  }
  return null
}

/**
 * Walks the queue in order, giving each party the room that can hold it and frees earliest
 * (the smallest such room on a tie, keeping big rooms for big parties); that room is then
 * busy for the party's session. A party no room can hold gets no estimate and takes no room.
 */
export function estimateWaits(now: Date, rooms: readonly RoomTimeline[], queue: readonly QueuedParty[], open: readonly Span[]): Map<string, WaitEstimate> {
  const t = now.getTime()
  const sortedOpen = [...open].sort((a, b) => a.start - b.start)
  const timelines = rooms.map((room) => ({ room, busy: [...room.busy] }))
  const out = new Map<string, WaitEstimate>()
  ;[...queue].sort(byQueueOrder).forEach((party, i) => {
    let best: { tl: (typeof timelines)[number]; start: number } | undefined
    for (const tl of timelines) {
      if (tl.room.capacity < party.partySize) continue
      const start = earliestStart(tl.room, tl.busy, sortedOpen, t)
      if (start === null) continue
      if (!best || start < best.start || (start === best.start && tl.room.capacity < best.tl.room.capacity)) best = { tl, start }
    }
    if (!best) {
      out.set(party.id, { position: i + 1, readyAt: null, waitMinutes: null, roomId: null })
      return
    }
    const { room } = best.tl
    best.tl.busy.push({ start: best.start, end: best.start + (room.sessionMinutes + room.bufferMinutes) * MINUTE })
    const ready = Math.max(t, best.start)
    out.set(party.id, { position: i + 1, readyAt: new Date(ready), waitMinutes: Math.ceil((ready - t) / MINUTE), roomId: room.id })
  })
  return out
}
