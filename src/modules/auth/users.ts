import { eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { users } from './schema.js'

/** What other modules may know of an account: how to address and reach its owner. */
export interface UserContact {
  id: string
  email: string
  name: string
  phone: string | null
}

const contactColumns = { id: users.id, email: users.email, name: users.name, phone: users.phone }

/** The account with this email (case-insensitive), if any. */
export async function contactByEmail(ex: Executor, email: string): Promise<UserContact | undefined> {
  const [user] = await ex
    .select(contactColumns)
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
  return user
}

/** The accounts with these ids, by id; unknown ids are left out. */
export async function contactsOf(ex: Executor, ids: readonly string[]): Promise<Map<string, UserContact>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select(contactColumns)
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]))
  return new Map(rows.map((u) => [u.id, u]))
}
