import { createRequire } from 'node:module'
import type * as Luxon from 'luxon'

/**
 * Luxon, as its CommonJS build. pg-boss `require`s luxon (through cron-parser), which loads that
 * build; an ES `import` of 'luxon' would load the ES build beside it, and a server would hold two
 * copies of the library: 0.5 MB of source each (kept as two-byte strings), their compiled code
 * and their zone caches, about 0.9 MB of heap (docs/performance.md, "(f): one luxon, no Stripe client, a bounded fake"). Code under
 * src/ imports luxon from here; the lint forbids the direct import.
 */
const luxon = createRequire(import.meta.url)('luxon') as typeof Luxon

export const DateTime = luxon.DateTime
export type DateTime = Luxon.DateTime
export const IANAZone = luxon.IANAZone
export type IANAZone = Luxon.IANAZone
