import type { Logger } from 'pino'
import type { Config } from '../../config.js'
import type { OutboundChannels } from './channels.js'
import { DevChannel, UnconfiguredChannel } from './dev-channel.js'
import { SmtpEmail } from './email-smtp.js'
import { TwilioSms } from './sms-twilio.js'

/**
 * The adapters the config asks for. A provider that is not configured gets the development
 * adapter (it logs and records) outside production, and in production one that fails every
 * message with the setting to fix, so nothing is silently dropped or pretended sent.
 */
export function createChannels(config: Config, log: Logger): OutboundChannels {
  const { accountSid, authToken, from, apiBase } = config.twilio
  const fallback = (channel: 'sms' | 'email', settings: string) =>
    config.env === 'production' ? new UnconfiguredChannel(channel, settings) : new DevChannel(channel, log)
  return {
    sms:
      accountSid && authToken && from
        ? new TwilioSms({ accountSid, authToken, from, apiBase })
        : fallback('sms', 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM'),
    email: config.smtp.url ? new SmtpEmail({ url: config.smtp.url, from: config.smtp.from }) : fallback('email', 'SMTP_URL'),
  }
}
