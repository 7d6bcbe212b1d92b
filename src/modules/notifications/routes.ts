import type { App } from '../../app.js'
import type { NotificationService } from './service.js'

export async function notificationRoutes(_app: App, _opts: { notifications: NotificationService }) {}
