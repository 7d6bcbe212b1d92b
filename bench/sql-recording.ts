/** Recording the statements that reach pg, and telling where two recordings first differ. */
import pg from 'pg'

export interface SentStatement {
  text: string
  rowMode: string | undefined
}

/** Runs `work` while recording every statement any pg client in this process sends. */
export async function recordingStatements<T>(work: () => Promise<T>): Promise<{ result: T; sent: SentStatement[] }> {
  const sent: SentStatement[] = []
  const proto = pg.Client.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown }
  const original = proto.query
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string; rowMode?: string } | undefined
    sent.push(typeof config === 'string' ? { text: config, rowMode: undefined } : { text: String(config?.text), rowMode: config?.rowMode })
    return original.apply(this, args)
  }
  try {
    return { result: await work(), sent }
  } finally {
    proto.query = original
  }
}

export const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The first difference between two statement lists, or undefined when they match. */
export function firstDifference(service: readonly SentStatement[], mirror: readonly SentStatement[]): string | undefined {
  for (let i = 0; i < Math.max(service.length, mirror.length); i++) {
    const s = service[i]
    const m = mirror[i]
    const n = `statement ${i + 1} of ${service.length}`
    if (!s) return `${n}: the service sends nothing more, the bench sends "${clip(squash(m!.text), 0)}"`
    if (!m) return `${n}: the bench sends nothing more, the service sends "${clip(squash(s.text), 0)}"`
    const a = squash(s.text)
    const b = squash(m.text)
    if (a !== b) {
      let k = 0
      while (k < a.length && a[k] === b[k]) k++
      return `${n}: the service sends "${clip(a, k)}", the bench sends "${clip(b, k)}" (from character ${k + 1})`
    }
    if ((s.rowMode ?? 'objects') !== (m.rowMode ?? 'objects'))
      return `${n} ("${clip(a, 0)}"): row mode ${s.rowMode ?? 'objects'} in the service, ${m.rowMode ?? 'objects'} in the bench`
  }
  return undefined
}

/** Up to 120 characters of `text` around position `at`. */
export function clip(text: string, at: number): string {
  const from = Math.max(0, at - 40)
  return `${from > 0 ? '…' : ''}${text.slice(from, from + 120)}${from + 120 < text.length ? '…' : ''}`
}
