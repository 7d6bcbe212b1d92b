import type { Schemas } from '../../api/client'

export type Entry = Schemas['WaitlistEntry']
export type Room = Schemas['Room']
