import { describe, expect, it } from 'vitest'
import { rowsFor } from '../../src/modules/notifications/facts.js'
import { formatDate, formatMoney, formatWhen, renderReservation, renderWaitlistReady } from '../../src/modules/notifications/templates.js'

describe('formatting in the venue’s zone and currency', () => {
  it('writes money in the currency’s own minor units', () => {
    expect(formatMoney(8000, 'USD')).toBe('$80.00')
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56')
    expect(formatMoney(1250, 'JPY')).toBe('¥1,250')
    expect(formatMoney(1250, 'KWD')).toMatch(/^KWD\s1\.250$/)
    expect(formatMoney(0, 'GBP')).toBe('£0.00')
  })

  it('writes instants as the venue’s wall clock, across DST changes', () => {
    expect(formatWhen(new Date('2027-01-09T02:00:00Z'), 'America/Denver')).toBe('Fri 8 Jan, 19:00')
    // Denver springs forward on 2027-03-14: 20:00 UTC is 14:00 MDT that afternoon, 13:00 MST the day before.
    expect(formatWhen(new Date('2027-03-14T20:00:00Z'), 'America/Denver')).toBe('Sun 14 Mar, 14:00')
    expect(formatWhen(new Date('2027-03-13T20:00:00Z'), 'America/Denver')).toBe('Sat 13 Mar, 13:00')
    expect(formatWhen(new Date('2027-07-01T18:30:00Z'), 'Europe/Lisbon')).toBe('Thu 1 Jul, 19:30')
    expect(formatDate('2027-12-11')).toBe('Sat 11 Dec')
  })
})

describe('templates', () => {
  const facts = {
    venue: { name: 'Neon Karaoke', timezone: 'America/Denver', currency: 'USD' },
    startsAt: new Date('2027-01-09T02:00:00Z'),
    total: 8000,
    currency: 'USD',
    name: 'Alice Smith',
  }

  it('say what happened, when (venue-local) and for how much', () => {
    expect(renderReservation('reservation_confirmed', facts)).toEqual({
      subject: 'Booking confirmed: Neon Karaoke, Fri 8 Jan, 19:00',
      body: 'Hi Alice, your booking at Neon Karaoke on Fri 8 Jan, 19:00 is confirmed. Total: $80.00.',
    })
    expect(renderReservation('reservation_refunded', facts, { refunded: 4000 }).body).toContain('refunded $40.00')
    expect(renderReservation('reservation_rescheduled', facts, { movedFrom: 'Thu 7 Jan, 19:00', movedTo: 'Fri 8 Jan, 19:00' }).body).toBe(
      'Hi Alice, your booking at Neon Karaoke on Thu 7 Jan, 19:00 has moved to Fri 8 Jan, 19:00.',
    )
    expect(renderReservation('payment_failed', { ...facts, name: null }, { paymentAmount: 2000, paymentCurrency: 'USD' }).body).toMatch(
      /^Your payment of \$20\.00 for Neon Karaoke/,
    )
    expect(renderReservation('reminder_30m', facts).body).toContain('starts in about 30 minutes (Fri 8 Jan, 19:00)')
    expect(renderWaitlistReady(facts.venue, 'Bob').body).toBe('Hi Bob, your room is ready at Neon Karaoke! Please come to the front desk.')
  })
})

describe('channels per template', () => {
  const message = (template: Parameters<typeof rowsFor>[0]['template']) => ({
    template,
    rendered: { subject: 's', body: 'b' },
    venueId: 'v',
    subjectId: 'r',
    data: {},
  })
  const key = (channel: string, recipient: string) => `${channel}:${recipient}`
  const now = new Date('2027-01-01T00:00:00Z')
  const channels = (template: Parameters<typeof message>[0], contact: Parameters<typeof rowsFor>[1]) =>
    rowsFor(message(template), contact, now, key).map((r) => r.dedupeKey)
  const account = { userId: 'u1', email: 'a@example.test', phone: '+1 (303) 555-0100', name: 'A' }
  const guestWithEmail = { userId: null, email: 'g@example.test', phone: '+13035550101', name: 'G' }
  const guestPhoneOnly = { userId: null, email: null, phone: '+1 303 555 0102', name: 'P' }

  it('reach an account by inbox and email, a guest by email, or by SMS when no email is known', () => {
    expect(channels('reservation_confirmed', account)).toEqual(['in_app:u1', 'email:a@example.test'])
    expect(channels('reservation_confirmed', guestWithEmail)).toEqual(['email:g@example.test'])
    expect(channels('reservation_cancelled', guestPhoneOnly)).toEqual(['sms:+13035550102'])
  })

  it('keep expired holds and failed payments in the inbox only', () => {
    expect(channels('reservation_expired', account)).toEqual(['in_app:u1'])
    expect(channels('payment_failed', account)).toEqual(['in_app:u1'])
    expect(channels('payment_failed', guestWithEmail)).toEqual([])
  })

  it('send reminders on every channel known, SMS with the phone in E.164', () => {
    expect(channels('reminder_24h', account)).toEqual(['in_app:u1', 'email:a@example.test', 'sms:+13035550100'])
    expect(channels('reminder_30m', guestPhoneOnly)).toEqual(['sms:+13035550102'])
    expect(channels('waitlist_ready', { userId: null, email: null, phone: '+13035550103', name: 'W' })).toEqual(['sms:+13035550103'])
  })
})
