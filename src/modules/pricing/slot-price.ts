/** A priced line of a quote; amounts are integer minor units of the quote's currency. */
export interface QuoteLine {
  item_index: number
  kind: 'slot'
  description: string
  unit: 'hour'
  quantity: number
  unit_amount: number
  amount: number
  rule: string
}

export interface Quote {
  currency: string
  lines: QuoteLine[]
  subtotal: number
  discounts: number
  total: number
}

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

export function quoteOf(currency: string, lines: QuoteLine[]): Quote {
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0)
  return { currency, lines, subtotal, discounts: 0, total: subtotal }
}
