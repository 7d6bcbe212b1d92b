import type Mail from 'nodemailer/lib/mailer/index.js'
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js'
import { ChannelError, type Channel, type OutboundMessage } from './channels.js'

export interface SmtpEmailOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; query parameters become transport options. */
  url: string
  /** The From header, e.g. `Reservoir <no-reply@example.com>`. */
  from: string
}

/**
 * Plain-text email through an SMTP server (nodemailer), with an invite attached when the
 * message has one. nodemailer is loaded at the first message, not at start-up: most
 * processes never send one, and server memory is a tracked target.
 */
export class SmtpEmail implements Channel {
  readonly name = 'smtp'
  private mailer: Promise<Mail<SMTPTransport.SentMessageInfo>> | undefined

  constructor(private readonly options: SmtpEmailOptions) {}

  private connect(): Promise<Mail<SMTPTransport.SentMessageInfo>> {
    this.mailer ??= Promise.all([import('nodemailer'), import('nodemailer/lib/smtp-transport/index.js')]).then(
      ([{ default: nodemailer }, { default: SMTPTransport }]) => {
        // Built from the transport class, not createTransport({ url }), which would drop every
        // option beside the URL: a server that hangs must not hold a claimed batch past its lease.
        const transport = new SMTPTransport({ url: this.options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 })
        return nodemailer.createTransport(transport)
      },
    )
    return this.mailer
  }

  async send(message: OutboundMessage): Promise<{ providerId: string }> {
    const mailer = await this.connect()
    try {
      const info = await mailer.sendMail({
        from: this.options.from,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.body,
        // A text/calendar; method=… alternative: mail clients show it as an invite to accept.
        ...(message.calendar ? { icalEvent: { method: methodOf(message.calendar), content: message.calendar } } : {}),
      })
      // Every recipient refused without an error thrown (some servers answer so): nothing went out.
      if (info.accepted.length === 0) throw new ChannelError(`SMTP refused the recipient: ${info.response}`, true)
      return { providerId: info.messageId }
    } catch (error) {
      throw classify(error)
    }
  }
}

/** The iTIP method an invite states (REQUEST, CANCEL), which its MIME part must repeat. */
const methodOf = (calendar: string) => /^METHOD:(\w+)/m.exec(calendar)?.[1] ?? 'PUBLISH'

/**
 * 5xx replies are the server's final word on this message (no such mailbox, rejected
 * content); 4xx replies, lost connections and timeouts are temporary. A failed login (535)
 * is our configuration, which an operator can fix while the message waits.
 */
function classify(error: unknown): Error {
  if (error instanceof ChannelError) return error
  const { responseCode, code } = error as { responseCode?: number; code?: string }
  const text = error instanceof Error ? error.message : String(error)
  if (typeof responseCode === 'number') {
    return new ChannelError(`SMTP ${responseCode}: ${text}`, responseCode >= 500 && code !== 'EAUTH')
  }
  return new ChannelError(`SMTP ${code ?? 'error'}: ${text}`, false)
}
