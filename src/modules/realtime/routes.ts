import type { App } from '../../app.js'
import type { Deps } from '../../deps.js'

export async function realtimeRoutes(_app: App, _opts: { deps: Deps }) {}
