import { IANAZone } from 'luxon'

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
  return (ms) => format(ms, steady && ms >= from && ms <= to ? first : tz.offset(ms))
}

function format(ms: number, offsetMinutes: number): string {
  const wall = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

const pad = (n: number) => String(n).padStart(2, '0')
