/** A priced line of a quote; amounts are integer minor units of the quote's currency. */
export interface QuoteLine {
  item_index: number
  kind: 'slot' | 'stay' | 'seat' | 'session' | 'package'
  description: string
  unit: 'hour' | 'night' | 'seat' | 'session' | 'package'
  /** Hours of a slot, units of a room type for one night, or seats. */
  quantity: number
  unit_amount: number
  amount: number
  /** Which rule set the price: `hourly_rate`, `base_rate`, `season:High season+weekday:Weekend`… */
  rule: string
  /** Stay lines: the night (venue-local date) and what was sold for it. */
  night?: string
  room_type_id?: string
  rate_plan_id?: string | null
}

export interface Quote {
  currency: string
  lines: QuoteLine[]
  subtotal: number
  discounts: number
  total: number
}

/** The quote of priced lines: the total is their sum, never computed any other way. */
export function quoteOf(currency: string, lines: QuoteLine[]): Quote {
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0)
  return { currency, lines, subtotal, discounts: 0, total: subtotal }
}

export const hasStays = (quote: Quote) => quote.lines.some((l) => l.kind === 'stay')

/** Whether a quote has items on a marketplace's seat counters or calendar. */
export const hasMarketplaceItems = (quote: Quote) => quote.lines.some((l) => l.kind === 'seat' || l.kind === 'session')

/** Whether a quote is a purchase of a package or bundle (paid in full, granting entitlements). */
export const isPurchase = (quote: Quote) => quote.lines.some((l) => l.kind === 'package')
