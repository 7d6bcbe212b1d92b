import type { Executor } from '../../db/client.js'
import { menuItems, venueInfo } from './schema.js'

/** Stores a venue's business info and menu as given: the demo's way in (the API's is `ContentService`). */
export async function insertContent(ex: Executor, info: typeof venueInfo.$inferInsert, menu: readonly (typeof menuItems.$inferInsert)[]): Promise<void> {
  await ex.insert(venueInfo).values(info)
  if (menu.length > 0) await ex.insert(menuItems).values([...menu])
}
