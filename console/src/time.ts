// Times are shown in the venue's own time zone, whatever the device's: the desk in Lisbon sees
// Lisbon's hours even on a laptop set to New York. Intl does it; no date library is needed.

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(at: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at))
}

/** `14:30` of an instant in a time zone. */
export function localTime(at: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at))
}

/** `Sat 5 Dec, 14:30` of an instant in a time zone. */
export function localDateTime(at: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at))
}

/** The calendar day after (or `days` after) a `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Money in minor units, in the venue's currency. */
/** The digits after the decimal point of a currency (2 for EUR, 0 for JPY): amounts are in its minor units. */
export const minorDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount / 10 ** minorDigits(currency))
}
