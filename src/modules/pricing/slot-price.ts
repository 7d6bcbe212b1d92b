import type { QuoteLine } from './quote.js'

/**
 * Prices a room booking by the hour. Minutes are billed pro rata; the one rounding
 * happens here, half up, on the integer product, so no float ever touches money.
 */
export function priceSlot(hourlyRate: number, minutes: number): number {
  return Math.floor((hourlyRate * minutes + 30) / 60)
}

export function slotLine(index: number, roomName: string, hourlyRate: number, minutes: number): QuoteLine {
  return {
    item_index: index,
    kind: 'slot',
    description: `${roomName}, ${minutes} min`,
    unit: 'hour',
    quantity: minutes / 60,
    unit_amount: hourlyRate,
    amount: priceSlot(hourlyRate, minutes),
    rule: 'hourly_rate',
  }
}
