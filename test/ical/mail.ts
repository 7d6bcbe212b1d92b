import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** One message as a local SMTP server took it: envelope recipients and the raw MIME text. */
export interface Mail {
  to: string[]
  raw: string
}

/** A real SMTP server on a free port that keeps every message it accepts. */
export async function smtpReceiver(): Promise<{ url: string; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(resolve)) }
}

/**
 * The text/calendar part of a MIME message, decoded and unfolded, with its Content-Type
 * header; undefined when there is none. Enough MIME for what nodemailer writes.
 */
export function calendarPart(raw: string): { contentType: string; text: string } | undefined {
  const parts = raw.split(/\r\n--[^\r\n]+\r\n/)
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n')
    const headers = part.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
    const type = /^Content-Type:\s*(text\/calendar[^\r\n]*)/im.exec(headers)
    if (!type) continue
    const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase()
    let body = part.slice(split + 4).replace(/\r\n--[^\r\n]*--\s*$/, '')
    if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    if (encoding === 'quoted-printable') {
      body = Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8')
    }
    return { contentType: type[1]!, text: unfold(body) }
  }
  return undefined
}

/** iCalendar lines unfolded (RFC 5545 §3.1): a CRLF followed by a space or tab continues the line. */
export const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '')

/** The value of each property of the first VEVENT, by name (parameters dropped). */
export function eventProps(ics: string): Record<string, string> {
  const lines = unfold(ics).split(/\r?\n/)
  const start = lines.indexOf('BEGIN:VEVENT')
  const end = lines.indexOf('END:VEVENT')
  const props: Record<string, string> = {}
  for (const line of lines.slice(start + 1, end)) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).split(';')[0]!
    props[name] ??= line.slice(colon + 1)
  }
  return props
}

/** Every VEVENT of a calendar, as property maps. */
export function allEvents(ics: string): Record<string, string>[] {
  return unfold(ics)
    .split('BEGIN:VEVENT')
    .slice(1)
    .map((chunk) => eventProps(`BEGIN:VEVENT${chunk}`))
}
