import { useId } from 'react'
import type { Schemas } from '../../api/client'
import { money } from '../../time'
import { dayLabel } from './dates'

type ReportNight = Schemas['OccupancyReport']['nights'][number]
export type Metric = 'occupancy' | 'adr' | 'revpar'
export const METRICS: { key: Metric; label: string }[] = [
  { key: 'occupancy', label: 'Occupancy' },
  { key: 'adr', label: 'ADR' },
  { key: 'revpar', label: 'RevPAR' },
]

/** A 0..1 ratio as `62.5 %`. */
export const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`

const HEIGHT = 220
const LEFT = 64
const BOTTOM = 40
const TOP = 12

/**
 * One bar per night, drawn in plain SVG (no chart library for one bar chart). The image has a
 * short text alternative; the table under it is the full equivalent a screen reader reads.
 */
export function MetricChart({ nights, metric, currency }: { nights: ReportNight[]; metric: Metric; currency: string }) {
  const titleId = useId()
  if (nights.length === 0) return null
  const value = (n: ReportNight) => (metric === 'occupancy' ? n.occupancy : n[metric])
  const label = (v: number) => (metric === 'occupancy' ? percent(v) : money(v, currency))
  const max = metric === 'occupancy' ? 1 : Math.max(1, ...nights.map(value))
  const slot = Math.max(14, Math.min(64, 860 / nights.length))
  const width = LEFT + slot * nights.length + 8
  const plot = HEIGHT - TOP - BOTTOM
  const y = (v: number) => TOP + plot - (v / max) * plot
  const every = Math.ceil(nights.length / 16)
  const name = METRICS.find((m) => m.key === metric)!.label
  const highest = nights.reduce((a, b) => (value(b) > value(a) ? b : a))
  return (
    <figure className="hotel-chart">
      <div className="scroll">
        <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT}>
          <title id={titleId}>
            {`${name} per night, ${dayLabel(nights[0]!.night)} to ${dayLabel(nights.at(-1)!.night)}; highest ${label(value(highest))} on ${dayLabel(highest.night)}. The table below lists every night.`}
          </title>
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line x1={LEFT} x2={width - 4} y1={y(max * f)} y2={y(max * f)} className="grid-line" />
              <text x={LEFT - 6} y={y(max * f) + 4} textAnchor="end" className="axis">
                {label(max * f)}
              </text>
            </g>
          ))}
          {nights.map((n, i) => {
            const v = value(n)
            const x = LEFT + i * slot
            return (
              <g key={n.night}>
                <rect x={x + slot * 0.15} width={slot * 0.7} y={y(v)} height={Math.max(0, TOP + plot - y(v))} className="bar" />
                {i % every === 0 && (
                  <text x={x + slot / 2} y={HEIGHT - BOTTOM + 16} textAnchor="middle" className="axis">
                    {Number(n.night.slice(8))}
                  </text>
                )}
              </g>
            )
          })}
        </svg>
      </div>
      <figcaption className="hint">{name} per night; the figures are in the table below. Axis labels are days of the month.</figcaption>
    </figure>
  )
}
