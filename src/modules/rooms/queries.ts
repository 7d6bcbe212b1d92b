import { and, asc, eq, gte, isNull } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { rooms } from './schema.js'
import type { Room } from './service.js'

/** A room of the venue that is not archived, if there is one. Other modules read rooms here. */
export async function roomOfVenue(ex: Executor, venueId: string, roomId: string): Promise<Room | undefined> {
  const [room] = await ex
    .select()
    .from(rooms)
    .where(and(eq(rooms.id, roomId), eq(rooms.venueId, venueId), isNull(rooms.archivedAt)))
  return room
}

/** The venue's rooms that are not archived (those fitting `minCapacity` people, if given), by name. */
export function venueRooms(ex: Executor, venueId: string, minCapacity?: number): Promise<Room[]> {
  return ex
    .select()
    .from(rooms)
    .where(and(eq(rooms.venueId, venueId), isNull(rooms.archivedAt), minCapacity === undefined ? undefined : gte(rooms.capacity, minCapacity)))
    .orderBy(asc(rooms.name), asc(rooms.id))
}
