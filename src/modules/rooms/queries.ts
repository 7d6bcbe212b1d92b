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

/** A row of `dayRoomsStatement`: the room, the caller's column and whether the venue is closed. */
export interface DayRoomRow<T> {
  id: string
  name: string
  capacity: number
  slot_minutes: number
  min_minutes: number
  buffer_minutes: number
  also: T
  closed: boolean
}

/**
 * The venue's rooms (`venueId`) that are not archived and fit `minCapacity` people, by name,
 * with the caller's own column of each room (`perRoom`, given the room's id and buffer: the
 * claims' busy spans) and the caller's `closed` condition, in one round trip: a day's
 * availability. Its values are placeholders, for the caller to fix its text once (`namedStatement`).
 */
export const dayRoomsStatement = (perRoom: (room: { id: SQL; bufferMinutes: SQL }) => SQL, closed: SQL): SQL =>
  // perRoom gets qualified names: a subquery's own `id` would shadow a bare one.
  sql`select ${sql.identifier(rooms.id.name)} as id, ${sql.identifier(rooms.name.name)} as name,
    ${sql.identifier(rooms.capacity.name)} as capacity, ${sql.identifier(rooms.slotMinutes.name)} as slot_minutes,
    ${sql.identifier(rooms.minMinutes.name)} as min_minutes, ${sql.identifier(rooms.bufferMinutes.name)} as buffer_minutes,
    ${perRoom({ id: sql`${rooms}.${sql.identifier(rooms.id.name)}`, bufferMinutes: sql`${rooms}.${sql.identifier(rooms.bufferMinutes.name)}` })} as also,
    ${closed} as closed
    from ${rooms}
    where ${rooms.venueId} = ${sql.placeholder('venueId')}::uuid and ${rooms.archivedAt} is null and ${rooms.capacity} >= ${sql.placeholder('minCapacity')}::int
    order by ${rooms.name}, ${rooms.id}`

/** The rooms of a `dayRoomsStatement` row set, as availability reads them, and whether the venue is closed. */
export function dayRoomsOf<T>(rows: readonly DayRoomRow<T>[]): { rooms: (DayRoom & { also: T })[]; closed: boolean } {
  const found = rows.map((r) => ({
    id: r.id,
    name: r.name,
    capacity: r.capacity,
    slotMinutes: r.slot_minutes,
    minMinutes: r.min_minutes,
    bufferMinutes: r.buffer_minutes,
    also: r.also,
  }))
  return { rooms: found, closed: rows[0]?.closed ?? false }
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
