import { jsonb, pgTable, text } from 'drizzle-orm/pg-core'

/** Small facts about this installation, such as whether the demo was loaded. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
})
