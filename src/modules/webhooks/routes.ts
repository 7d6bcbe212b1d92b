import type { App } from '../../app.js'
import type { OutboundWebhooks } from './service.js'

export async function outboundWebhookRoutes(_app: App, _opts: { outboundWebhooks: OutboundWebhooks }) {}
