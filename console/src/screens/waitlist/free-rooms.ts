import type { Schemas } from '../../api/client'

type Availability = Schemas['Availability']

export interface FreeRoom {
  room_id: string
  name: string
  capacity: number
  /** The end of the free interval the party would walk into. */
  until: string
}

/**
 * The rooms a party can walk into now, from the availability of the business days that may
 * be running (the one that opened today and, for venues open past midnight, yesterday's).
 *
 * Availability starts free intervals on the room's slot grid at or after "now", while seating
 * books the slot already running; so a room counts as free now when a free interval starts
 * within one slot of now and has not ended. The server has the last word: if the running slot
 * turns out to be taken, seating answers 409 slot_taken and the party keeps waiting.
 */
export function freeRoomsNow(days: readonly Availability[], now: number): FreeRoom[] {
  const found = new Map<string, FreeRoom>()
  for (const day of days) {
    for (const room of day.rooms) {
      const slot = room.slot_minutes * 60_000
      const free = room.free.find((iv) => Date.parse(iv.start) <= now + slot && Date.parse(iv.end) > now)
      if (free && !found.has(room.room_id)) found.set(room.room_id, { room_id: room.room_id, name: room.name, capacity: room.capacity, until: free.end })
    }
  }
  return [...found.values()].sort((a, b) => a.capacity - b.capacity || a.name.localeCompare(b.name))
}
