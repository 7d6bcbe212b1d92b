import { and, eq, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm'
import { pgArray, type Executor } from '../../db/client.js'
import type { RatePlan, RoomType } from './room-types.js'
import { ratePlans, roomTypes } from './schema.js'

// How other modules read room types and rate plans without naming this module's tables.

/**
 * The rate plans of the room type `roomTypeId` names, in order, as a JSON column of a statement
 * that reads room types: `plansOf` makes them RatePlans.
 */
export const plansColumn = (roomTypeId: SQL) =>
  sql<RatePlanJson[]>`coalesce((select json_agg(json_build_object('id', p.id, 'roomTypeId', p.room_type_id, 'name', p.name,
        'description', p.description, 'cancellationPolicy', p.cancellation_policy, 'adjustmentPercent', p.adjustment_percent,
        'position', p.position, 'createdAt', p.created_at) order by p.position, p.created_at, p.id) from ${ratePlans} p where p.room_type_id = ${roomTypeId}), '[]'::json)`

export type RatePlanJson = Omit<RatePlan, 'createdAt'> & { createdAt: string }

export const plansOf = (json: RatePlanJson[]): RatePlan[] => json.map((p) => ({ ...p, createdAt: new Date(p.createdAt) }))

export type RoomTypeWithPlans = RoomType & { plans: RatePlan[] }

/**
 * The room types a booking names that belong to the venue, share-locked when booking (like
 * rooms), with their rate plans in order and the min stay of each arrival night (keyed
 * `room_type_id|night`; a night absent is not on sale), in one round trip.
 */
export async function bookableRoomTypes(
  ex: Executor,
  venueId: string,
  ids: readonly string[],
  arrivals: readonly string[],
  lock: boolean,
): Promise<{ roomTypes: Map<string, RoomTypeWithPlans>; minStay: Map<string, number> }> {
  // Subqueries name room_types.id in full: Drizzle renders a column of the selected table
  // unqualified there, where it would mean the subquery's own id.
  const query = ex
    .select({
      type: roomTypes,
      plans: plansColumn(sql`room_types.id`),
      minStay: sql<Record<string, number> | null>`(select json_object_agg(n.night, n.min_stay) from inventory_nights n
        where n.room_type_id = room_types.id and n.night = any(${pgArray(arrivals)}::date[]))`,
    })
    .from(roomTypes)
    .where(and(inArray(roomTypes.id, [...ids]), eq(roomTypes.venueId, venueId)))
  const found = lock ? await query.for('key share', { of: roomTypes }) : await query
  const minStay = new Map<string, number>()
  for (const r of found) for (const [night, min] of Object.entries(r.minStay ?? {})) minStay.set(`${r.type.id}|${night}`, min)
  return {
    roomTypes: new Map(found.map((r) => [r.type.id, { ...r.type, plans: plansOf(r.plans) }])),
    minStay,
  }
}

/**
 * A room type's row, its rate plans and `extra` (another module's column that its prices depend
 * on) as one text's md5: what a copy was read as (`roomTypeCopy`), and what a hold planned on
 * that copy checks is still so (`roomTypeAsPlanned`).
 */
const fingerprint = (extra: SQL) => sql<string>`md5(row_to_json(${roomTypes})::text || ${plansColumn(sql`${roomTypes}.id`)}::text || ${extra}::text)`

/**
 * A room type of the venue with its rate plans, unlocked, with `extra` and the fingerprint of
 * all three as one statement read them, for a hot path to keep a copy of; undefined if it is
 * not the venue's.
 */
export async function roomTypeCopy<T>(
  ex: Executor,
  venueId: string,
  id: string,
  extra: SQL<T>,
): Promise<{ roomType: RoomTypeWithPlans; extra: T; fingerprint: string } | undefined> {
  const [r] = await ex
    .select({ type: roomTypes, plans: plansColumn(sql`${roomTypes}.id`), extra, fingerprint: fingerprint(extra) })
    .from(roomTypes)
    .where(and(eq(roomTypes.id, id), eq(roomTypes.venueId, venueId)))
  return r && { roomType: { ...r.type, plans: plansOf(r.plans) }, extra: r.extra, fingerprint: r.fingerprint }
}

/**
 * The room type share-locked (as `bookableRoomTypes` locks it for a booking), only if it, its
 * plans and `extra` still read as the copy's `fingerprint`: for a statement fixed once.
 */
export const roomTypeAsPlanned = (p: Record<'id' | 'venueId' | 'fingerprint', Placeholder>, extra: SQL) =>
  sql`select 1 from ${roomTypes}
    where ${roomTypes.id} = ${p.id}::uuid and ${roomTypes.venueId} = ${p.venueId}::uuid and ${fingerprint(extra)} = ${p.fingerprint}::text
    for key share of ${roomTypes}`

/** Whether the room type belongs to the venue. */
export async function isRoomTypeOf(ex: Executor, venueId: string, roomTypeId: string): Promise<boolean> {
  const [t] = await ex
    .select({ id: roomTypes.id })
    .from(roomTypes)
    .where(and(eq(roomTypes.id, roomTypeId), eq(roomTypes.venueId, venueId)))
  return t !== undefined
}

/** The room type of a rate plan of the venue's, if it is one. */
export async function roomTypeOfPlan(ex: Executor, venueId: string, ratePlanId: string): Promise<string | undefined> {
  const [p] = await ex
    .select({ roomTypeId: ratePlans.roomTypeId })
    .from(ratePlans)
    .innerJoin(roomTypes, eq(roomTypes.id, ratePlans.roomTypeId))
    .where(and(eq(ratePlans.id, ratePlanId), eq(roomTypes.venueId, venueId)))
  return p?.roomTypeId
}

/** Inserts room types as given (the demo's; the API's own way is `RoomTypeService.create`). */
export function insertRoomTypes(ex: Executor, rows: readonly (typeof roomTypes.$inferInsert)[]): Promise<RoomType[]> {
  return ex
    .insert(roomTypes)
    .values([...rows])
    .returning()
}

/** Inserts rate plans as given, their order in `position`. */
export async function insertRatePlans(ex: Executor, rows: readonly (typeof ratePlans.$inferInsert)[]): Promise<void> {
  await ex.insert(ratePlans).values([...rows])
}
