import { IANAZone } from '../../luxon.js'

/**
 * Formats instants as RFC 3339 in a venue's zone. Asking the zone for each instant's offset
 * goes through Intl and costs microseconds apiece; an availability answer has hundreds of
 * instants but at most a couple of distinct offsets, so the offset is looked up once per
 * span and again only where the span crosses a DST change.
 */
export function localFormatter(zone: string, from: number, to: number): (ms: number) => string {
  const tz = IANAZone.create(zone)
  const first = tz.offset(from)
  const steady = tz.offset(to) === first && tz.offset((from + to) / 2) === first
  // The rooms of a day share their boundaries (a 30-minute grid has 49 instants a day), so each
  // instant is formatted once per answer rather than once per interval.
  const seen = new Map<number, string>()
  return (ms) => {
    let text = seen.get(ms)
    if (text === undefined) {
      text = format(ms, steady && ms >= from && ms <= to ? first : tz.offset(ms))
      seen.set(ms, text)
    }
    return text
  }
}

function format(ms: number, offsetMinutes: number): string {
  const wall = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

const pad = (n: number) => String(n).padStart(2, '0')
