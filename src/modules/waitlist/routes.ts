import type { App } from '../../app.js'
import type { WaitlistService } from './service.js'

export async function waitlistRoutes(_app: App, _opts: { waitlist: WaitlistService }) {}
