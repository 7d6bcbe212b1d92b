// Every table, for Drizzle's relational queries and for drizzle-kit.
export * from '../modules/auth/schema.js'
export * from '../modules/venues/schema.js'
export * from '../modules/rooms/schema.js'
export * from '../modules/reservations/schema.js'
export * from '../modules/events/schema.js'
export * from '../http/idempotency-table.js'
export * from './meta-table.js'
