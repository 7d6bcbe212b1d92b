import { and, asc, eq, gte, inArray, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { closedDatesColumn } from '../venues/queries.js'
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

/** What a day's availability reads of a room. */
export type DayRoom = Pick<Room, 'id' | 'name' | 'capacity' | 'slotMinutes' | 'minMinutes' | 'bufferMinutes'>

/**
 * The venue's rooms that are not archived and fit `minCapacity` people, by name, whether the
 * venue is closed on `date`, and the caller's own column of each room (`perRoom`, given the
 * room's id and buffer: the claims' busy spans), in one round trip.
 */
export async function roomsOfDay<T>(
  ex: Executor,
  venueId: string,
  minCapacity: number,
  date: string,
  perRoom: (room: { id: SQL; bufferMinutes: SQL }) => SQL<T>,
): Promise<{ rooms: (DayRoom & { also: T })[]; closed: boolean }> {
  const found = await ex
    .select({
      id: rooms.id,
      name: rooms.name,
      capacity: rooms.capacity,
      slotMinutes: rooms.slotMinutes,
      minMinutes: rooms.minMinutes,
      bufferMinutes: rooms.bufferMinutes,
      // Qualified: Drizzle names a selected table's columns bare, which a subquery's own `id` would shadow.
      also: perRoom({ id: sql`${rooms}.${sql.identifier(rooms.id.name)}`, bufferMinutes: sql`${rooms}.${sql.identifier(rooms.bufferMinutes.name)}` }),
      closed: closedDatesColumn(venueId, [date]),
    })
    .from(rooms)
    .where(and(eq(rooms.venueId, venueId), isNull(rooms.archivedAt), gte(rooms.capacity, minCapacity)))
    .orderBy(asc(rooms.name), asc(rooms.id))
  return { rooms: found.map(({ closed: _, ...room }) => room), closed: found[0]?.closed.length ? true : false }
}

/**
 * The rooms a booking names that belong to the venue and are not archived, share-locked when
 * booking (so an archive cannot slip in before the claim), and the venue's closures among
 * `dates`, in one round trip. `alsoSelect`: the caller's own column in the same statement (the
 * reservations' claim queue), evaluated once when any room is found.
 */
export async function bookableRooms(
  ex: Executor,
  venueId: string,
  ids: readonly string[],
  dates: readonly string[],
  lock: boolean,
  alsoSelect?: SQL,
): Promise<{ rooms: Room[]; closed: Set<string> }> {
  const query = ex
    .select({ room: rooms, closed: closedDatesColumn(venueId, dates), ...(alsoSelect ? { also: alsoSelect } : {}) })
    .from(rooms)
    .where(and(inArray(rooms.id, [...ids]), eq(rooms.venueId, venueId), isNull(rooms.archivedAt)))
  const found = lock ? await query.for('key share', { of: rooms }) : await query
  return { rooms: found.map((r) => r.room), closed: new Set(found[0]?.closed ?? []) }
}

/** What a booking planned with of a room, each a value or a placeholder of a fixed statement. */
export type PlannedRoom = Record<
  'id' | 'venueId' | 'name' | 'capacity' | 'hourlyRate' | 'slotMinutes' | 'minMinutes' | 'maxMinutes' | 'bufferMinutes',
  SQL | Placeholder
>

/**
 * The room as a booking planned with it, for a statement whose text is fixed once: answers
 * its id, share-locked as `bookableRooms` locks it, only if it is of the venue, not archived,
 * and every rule the plan read (name, capacity, rate, grid, lengths, buffer) is unchanged.
 */
export const roomAsPlanned = (p: PlannedRoom) =>
  sql`select ${rooms.id} from ${rooms}
    where ${rooms.id} = ${p.id}::uuid and ${rooms.venueId} = ${p.venueId}::uuid and ${rooms.archivedAt} is null
      and ${rooms.name} = ${p.name}::text and ${rooms.capacity} = ${p.capacity}::int and ${rooms.hourlyRate} = ${p.hourlyRate}::int
      and ${rooms.slotMinutes} = ${p.slotMinutes}::int and ${rooms.minMinutes} = ${p.minMinutes}::int
      and ${rooms.maxMinutes} = ${p.maxMinutes}::int and ${rooms.bufferMinutes} = ${p.bufferMinutes}::int
    for key share of ${rooms}`

/** Inserts rooms of a venue as given (the demo's; the API's own way is `RoomService.create`, with its defaults). */
export async function insertRooms(ex: Executor, rows: readonly (typeof rooms.$inferInsert)[]): Promise<void> {
  await ex.insert(rooms).values([...rows])
}

/** A room by id, whatever its venue, if it is not archived (a calendar feed finds its venue here). */
export async function roomById(ex: Executor, roomId: string): Promise<Room | undefined> {
  const [room] = await ex
    .select()
    .from(rooms)
    .where(and(eq(rooms.id, roomId), isNull(rooms.archivedAt)))
  return room
}
