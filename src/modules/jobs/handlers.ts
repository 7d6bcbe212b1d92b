import type { Services } from '../../app.js'
import type { Deps } from '../../deps.js'
import { purgeIdempotencyKeys } from '../../http/idempotency.js'
import { OUTBOX_CHANNEL, WORK_CHANNEL } from '../events/relay.js'
import { signalOpenRooms } from '../video/openings.js'
import type { Loop } from './loops.js'

/** A named, idempotent job: `run` may be called twice safely and answers how much it did. */
export interface JobHandler {
  name: string
  cron: string
  run(): Promise<number>
}

export function jobHandlers(deps: Deps, services: Services): JobHandler[] {
  return [
    {
      name: 'expire-holds',
      cron: '* * * * *',
      run: () => services.reservations.expireLapsedHolds(),
    },
    {
      name: 'reconcile-payments',
      cron: '* * * * *',
      run: () => services.reconciler.run(),
    },
    {
      name: 'expire-credits',
      cron: '23 * * * *',
      run: () => services.credits.expireLapsed(),
    },
    {
      name: 'lapse-entitlements',
      cron: '37 * * * *',
      run: () => services.packages.lapseExpired(),
    },
    {
      name: 'clear-earnings',
      cron: '11 * * * *',
      run: () => services.earnings.clearAndRetry(),
    },
    {
      name: 'weekly-payouts',
      cron: '0 6 * * 1',
      run: () => services.earnings.weeklyPayouts(),
    },
    {
      name: 'send-reminders',
      cron: '*/5 * * * *',
      run: () => services.notifications.sendReminders(),
    },
    {
      name: 'email-unread-messages',
      cron: '* * * * *',
      run: () => services.messaging.emailUnread(),
    },
    {
      name: 'purge-chat-presence',
      cron: '47 * * * *',
      run: () => services.messaging.presence.purgeExpired(),
    },
    {
      name: 'archive-waitlist',
      cron: '41 * * * *',
      run: () => services.waitlist.archiveExpired(),
    },
    {
      name: 'purge-login-failures',
      cron: '29 * * * *',
      run: () => services.auth.limits.purgeLapsed(deps.clock()),
    },
    {
      name: 'purge-user-tokens',
      cron: '53 * * * *',
      run: () => services.auth.accounts.links.purgeExpired(deps.clock()),
    },
    {
      name: 'open-video-rooms',
      cron: '* * * * *',
      run: () => signalOpenRooms(deps),
    },
    {
      name: 'purge-idempotency-keys',
      cron: '17 * * * *',
      run: () => purgeIdempotencyKeys(deps),
    },
  ]
}

/** The continuous workers: the outbox relay wakes on commits (or on this process's writers, LocalRelay), the senders (and the broker's publisher) on relayed batches. */
export function backgroundLoops(services: Services): Loop[] {
  return [
    {
      name: 'outbox-relay',
      wakeOn: [OUTBOX_CHANNEL],
      intervalMs: 1_000,
      run: () => services.relay.drain(),
      attach: (kick) => services.localRelay.attach(kick),
    },
    { name: 'webhook-deliveries', wakeOn: [WORK_CHANNEL], intervalMs: 1_000, run: () => services.outboundWebhooks.deliverDue() },
    { name: 'notifications', wakeOn: [WORK_CHANNEL], intervalMs: 1_000, run: () => services.notifications.sendDue() },
    ...(services.broker ? [{ name: 'broker', wakeOn: [WORK_CHANNEL], intervalMs: 1_000, run: () => services.broker!.drain() }] : []),
  ]
}
