import { DateTime } from '../../luxon.js'

/** The account's own emails: they carry a single-use link, to its address alone. */
export const accountTemplates = ['password_reset', 'email_verification'] as const
export type AccountTemplate = (typeof accountTemplates)[number]

/** What a practitioner hears about their money and their reviews. */
export const practitionerTemplates = ['payout_sent', 'payout_failed', 'earnings_available', 'review_received', 'comment_received'] as const
export type PractitionerTemplate = (typeof practitionerTemplates)[number]

/** What a venue's (or practitioner's) people hear: bookings made and cancelled, the day's group sessions. */
export const staffTemplates = ['staff_booking_new', 'staff_booking_cancelled', 'occurrence_reminder'] as const
export type StaffTemplate = (typeof staffTemplates)[number]
/** Chat: a new message for a participant not watching, and the email when it stays unread. */
export const chatTemplates = ['message_received', 'messages_unread'] as const
export type ChatTemplate = (typeof chatTemplates)[number]

/** Every message Reservoir sends, by name; the row's `template`. */
export const templates = [
  'reservation_confirmed',
  'reservation_cancelled',
  'reservation_refunded',
  'reservation_rescheduled',
  'reservation_expired',
  'payment_failed',
  'waitlist_ready',
  'reminder_24h',
  'reminder_30m',
  ...accountTemplates,
  ...practitionerTemplates,
  ...staffTemplates,
  ...chatTemplates,
] as const
export type Template = (typeof templates)[number]

/** Which channels a template goes to; see `recipientsOf` for who is reached on each. */
export interface ChannelPlan {
  /** The account holder's inbox (and their open sockets). */
  inApp: boolean
  email: boolean
  /** `always` when a phone is known; `fallback` only when no email is (a guest who left only a phone). */
  sms: 'always' | 'fallback' | 'never'
}

const LIFECYCLE: ChannelPlan = { inApp: true, email: true, sms: 'fallback' }
const INBOX_ONLY: ChannelPlan = { inApp: true, email: false, sms: 'never' }
const REMINDER: ChannelPlan = { inApp: true, email: true, sms: 'always' }
// Their own account: the inbox and the address they signed up with; no paid SMS.
const PRACTITIONER: ChannelPlan = { inApp: true, email: true, sms: 'never' }
// A link that proves control of the address is sent to that address and nowhere else.
const EMAIL_ONLY: ChannelPlan = { inApp: false, email: true, sms: 'never' }

export const channelPlans: Record<Template, ChannelPlan> = {
  reservation_confirmed: LIFECYCLE,
  reservation_cancelled: LIFECYCLE,
  reservation_refunded: LIFECYCLE,
  reservation_rescheduled: LIFECYCLE,
  // Nobody paid for an expired hold and a failed card is retried on the page that failed:
  // worth a note in the app, not an email or a paid SMS.
  reservation_expired: INBOX_ONLY,
  payment_failed: INBOX_ONLY,
  waitlist_ready: { inApp: true, email: false, sms: 'always' },
  reminder_24h: REMINDER,
  reminder_30m: REMINDER,
  password_reset: EMAIL_ONLY,
  email_verification: EMAIL_ONLY,
  payout_sent: PRACTITIONER,
  payout_failed: PRACTITIONER,
  earnings_available: INBOX_ONLY,
  review_received: PRACTITIONER,
  // The people behind the desk: their inbox and their address, never a paid SMS.
  staff_booking_new: PRACTITIONER,
  staff_booking_cancelled: PRACTITIONER,
  occurrence_reminder: PRACTITIONER,
  // Comments come often and are read in the app: the inbox, not an email each.
  comment_received: INBOX_ONLY,
  // Every message would be one email too many: the inbox hears of each, the email comes once,
  // after a quiet delay (messaging's unread-email job).
  message_received: INBOX_ONLY,
  messages_unread: { inApp: false, email: true, sms: 'never' },
}

/** How a venue writes times and money: its IANA zone and its currency. */
export interface VenueStyle {
  name: string
  timezone: string
  currency: string
}

/** "Sat 12 Dec, 19:00", in the venue's time zone. */
export function formatWhen(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale('en-GB').toFormat('ccc d LLL, HH:mm')
}

/** "Sat 12 Dec", for a hotel's calendar dates (YYYY-MM-DD), which have no time zone. */
export function formatDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('ccc d LLL')
}

/** "$125.00", "¥1,250", "KWD 1.250": integer minor units scaled by the currency's own digits. */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency })
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(amount / 10 ** digits)
}

/** What a reservation message is about, rendered as the venue writes it. */
export interface ReservationFacts {
  venue: VenueStyle
  startsAt: Date
  total: number
  currency: string
  /** The guest's name, for a greeting. */
  name: string | null
}

export interface Rendered {
  subject: string
  body: string
}

/** "Hi Alice, your …", or "Your …" without a name. */
export const greeting = (name: string | null, text: string) => {
  const first = name?.trim().split(/\s+/)[0]
  return first ? `Hi ${first}, ${text}` : text.charAt(0).toUpperCase() + text.slice(1)
}

/** The reservation templates. `extra` carries what only one template needs. */
export function renderReservation(
  template: Exclude<Template, 'waitlist_ready' | AccountTemplate | PractitionerTemplate | StaffTemplate | ChatTemplate>,
  f: ReservationFacts,
  extra: { refunded?: number; paymentAmount?: number; paymentCurrency?: string; movedFrom?: string | null; movedTo?: string | null } = {},
): Rendered {
  const venue = f.venue.name
  const when = formatWhen(f.startsAt, f.venue.timezone)
  const price = formatMoney(f.total, f.currency)
  const greet = (text: string) => greeting(f.name, text)
  switch (template) {
    case 'reservation_confirmed':
      return { subject: `Booking confirmed: ${venue}, ${when}`, body: greet(`your booking at ${venue} on ${when} is confirmed. Total: ${price}.`) }
    case 'reservation_cancelled': {
      const refund = extra.refunded ? ` A refund of ${formatMoney(extra.refunded, f.currency)} is on its way.` : ''
      return { subject: `Booking cancelled: ${venue}, ${when}`, body: greet(`your booking at ${venue} on ${when} has been cancelled.${refund}`) }
    }
    case 'reservation_refunded': {
      const amount = extra.refunded ? formatMoney(extra.refunded, f.currency) : null
      return {
        subject: `Refund for your booking at ${venue}`,
        body: greet(
          amount
            ? `we have refunded ${amount} for your booking at ${venue} on ${when}. Card refunds can take 5-10 days to show.`
            : `your booking at ${venue} on ${when} has been refunded.`,
        ),
      }
    }
    case 'reservation_rescheduled': {
      const to = extra.movedTo ?? when
      return {
        subject: `Booking moved: ${venue}, ${to}`,
        body: greet(`your booking at ${venue}${extra.movedFrom ? ` on ${extra.movedFrom}` : ''} has moved to ${to}.`),
      }
    }
    case 'reservation_expired':
      return { subject: `Hold expired: ${venue}, ${when}`, body: greet(`your hold at ${venue} for ${when} expired before payment, and the time was released.`) }
    case 'payment_failed': {
      const amount = extra.paymentAmount === undefined ? price : formatMoney(extra.paymentAmount, extra.paymentCurrency ?? f.currency)
      return {
        subject: `Payment failed: ${venue}, ${when}`,
        body: greet(`your payment of ${amount} for ${venue} on ${when} did not go through. Try another card before your hold runs out.`),
      }
    }
    case 'reminder_24h':
      return { subject: `Tomorrow at ${venue}: ${when}`, body: greet(`a reminder: your booking at ${venue} is tomorrow, ${when}.`) }
    case 'reminder_30m':
      return { subject: `Starting soon at ${venue}: ${when}`, body: greet(`your booking at ${venue} starts in about 30 minutes (${when}).`) }
  }
}

/** The walk-in's "your room is ready" text. */
export function renderWaitlistReady(venue: VenueStyle, name: string): Rendered {
  return { subject: `Your room is ready at ${venue.name}`, body: greeting(name, `your room is ready at ${venue.name}! Please come to the front desk.`) }
}

/** An account email around its link; `hours` is how long the link works. */
export function renderAccountEmail(template: AccountTemplate, link: string, hours: number): Rendered {
  const within = `within ${hours} hour${hours === 1 ? '' : 's'}`
  switch (template) {
    case 'password_reset':
      return {
        subject: 'Reset your Reservoir password',
        body:
          `Someone asked to reset the password of the Reservoir account with this address. To choose a new one, open this link ${within}:\n\n${link}\n\n` +
          'The link works once, and signs the account out everywhere. If you did not ask for it, ignore this email: your password stays as it is.',
      }
    case 'email_verification':
      return {
        subject: 'Confirm your email address for Reservoir',
        body: `Please confirm that this address is yours by opening this link ${within}:\n\n${link}\n\nIf you did not create a Reservoir account, ignore this email.`,
      }
  }
}

/** A practitioner's message: what happened to their money or who reviewed them. */
export type PractitionerNotice =
  | { template: 'payout_sent'; amount: number; currency: string }
  | { template: 'payout_failed'; amount: number; currency: string; reason: string }
  | { template: 'earnings_available'; amount: number; currency: string }
  | { template: 'review_received'; rating: number; service: string }
  | { template: 'comment_received'; post: string; excerpt: string }

export function renderPractitioner(name: string | null, n: PractitionerNotice): Rendered {
  switch (n.template) {
    case 'payout_sent':
      return {
        subject: `Payout of ${formatMoney(n.amount, n.currency)} sent`,
        body: greeting(name, `we have sent ${formatMoney(n.amount, n.currency)} to your connected account.`),
      }
    case 'payout_failed':
      return {
        subject: `Payout of ${formatMoney(n.amount, n.currency)} failed`,
        body: greeting(
          name,
          `the payout of ${formatMoney(n.amount, n.currency)} could not be made (${n.reason}). The money is available again and goes out with the next payout.`,
        ),
      }
    case 'earnings_available':
      return {
        subject: `${formatMoney(n.amount, n.currency)} is now available`,
        body: greeting(name, `${formatMoney(n.amount, n.currency)} of your earnings has cleared and can be paid out.`),
      }
    case 'review_received':
      return {
        subject: `A new ${n.rating}-star review`,
        body: greeting(name, `a customer reviewed ${n.service} with ${n.rating} star${n.rating === 1 ? '' : 's'}.`),
      }
    case 'comment_received':
      return { subject: `A new comment on “${n.post}”`, body: greeting(name, `someone commented on your post “${n.post}”: ${n.excerpt}`) }
  }
}

/** What a chat notice says: who wrote, from where, and (in the inbox only) how it begins. */
export type ChatNotice = { template: 'message_received'; from: string; preview: string } | { template: 'messages_unread'; from: string }

// The inbox shows how a message begins; the whole text stays in the conversation.
const PREVIEW_LENGTH = 140

export function renderChat(name: string | null, n: ChatNotice): Rendered {
  switch (n.template) {
    case 'message_received': {
      const preview = n.preview.length > PREVIEW_LENGTH ? `${n.preview.slice(0, PREVIEW_LENGTH - 1)}…` : n.preview
      return { subject: `New message from ${n.from}`, body: preview || 'An attachment.' }
    }
    case 'messages_unread':
      // The email does not quote the messages: it says there are some, and where to read them.
      return {
        subject: `Unread messages from ${n.from}`,
        body: greeting(name, `you have unread messages from ${n.from}. Sign in to Reservoir to read and answer them.`),
      }
  }
}
