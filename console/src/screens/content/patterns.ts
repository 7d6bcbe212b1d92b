import { minorDigits } from '../../time'

// The API's rules (content/schemas.ts), for the browser to check before sending. Chromium reads
// `pattern` with the `v` flag, hence the escapes inside character classes.

/** At least one visible character. */
export const VISIBLE = '.*\\S.*'
export const PHONE = '\\+?[0-9 \\(\\)\\-]{5,20}'
/** A social network's key, e.g. `instagram`. */
export const NETWORK = '[a-z0-9_\\-]{1,30}'
export const WEB_URL = 'https?://.+'
export const MAX_SOCIALS = 20

/** The currency's minor units per major unit (100 for USD, 1 for JPY). */
export const minorUnits = (currency: string) => 10 ** minorDigits(currency)
