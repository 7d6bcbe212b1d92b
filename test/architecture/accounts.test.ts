import { describe, expect, it } from 'vitest'
import { callsOn, files, sqlTexts } from '../helpers/source.js'

/** Files whose raw SQL writes `table` (insert into, update, delete from). */
const rawWriters = (table: string) =>
  files
    .filter((f) => sqlTexts(f).some(({ text }) => new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+"?${table}"?\\b`, 'i').test(text)))
    .map((f) => f.path)

describe('one writer of accounts', () => {
  it('users are written by the auth module alone; stripe_customer_id by keepStripeCustomer alone', () => {
    const writes = [...callsOn('update', 'users'), ...callsOn('insert', 'users')].map((c) => c.path)
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.filter((path) => !path.startsWith('modules/auth/'))).toEqual([])
    expect(rawWriters('users')).toEqual([])
    expect(
      callsOn('update', 'users')
        .filter((c) => c.keys.includes('stripeCustomerId'))
        .map((c) => c.path),
    ).toEqual(['modules/auth/users.ts'])
  })

  it('emailed tokens are issued and spent in email-tokens.ts alone', () => {
    expect(callsOn('update', 'userTokens').map((c) => c.path)).toEqual(['modules/auth/email-tokens.ts'])
    expect(callsOn('insert', 'userTokens')).toEqual([])
    expect(rawWriters('user_tokens')).toEqual(['modules/auth/email-tokens.ts'])
  })
})
