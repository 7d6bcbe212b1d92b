import { describe, expect, it } from 'vitest'
import { bookingUid, feedText, inviteText } from '../../src/modules/ical/invite.js'
import { organizerOf } from '../../src/modules/ical/invites.js'
import { allEvents, eventProps } from './mail.js'

const NOW = new Date('2027-03-01T08:00:00Z')
const entry = {
  uid: bookingUid('b1'),
  sequence: 3,
  start: new Date('2027-03-28T00:30:00Z'),
  end: new Date('2027-03-28T02:30:00Z'),
  summary: 'Booking at Bar, Grill; and more',
}
const parties = { organizer: { name: 'Reservoir', email: 'no-reply@example.test' }, attendee: { name: 'Ann', email: 'ann@example.test' } }

describe('invite text', () => {
  it('a REQUEST is a CONFIRMED event with its sequence, the instants in UTC and text escaped', () => {
    const text = inviteText('REQUEST', entry, parties, NOW)
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:[^\r]+\r\nMETHOD:REQUEST\r\n/)
    expect(eventProps(text)).toMatchObject({
      UID: 'b1@reservoir',
      SEQUENCE: '3',
      DTSTAMP: '20270301T080000Z',
      DTSTART: '20270328T003000Z',
      DTEND: '20270328T023000Z',
      SUMMARY: 'Booking at Bar\\, Grill\\; and more',
      STATUS: 'CONFIRMED',
    })
    // Lines are folded at 75 octets, as RFC 5545 requires.
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
  })

  it('a CANCEL says CANCELLED', () => {
    const text = inviteText('CANCEL', entry, parties, NOW)
    expect(text).toMatch(/\r\nMETHOD:CANCEL\r\n/)
    expect(eventProps(text).STATUS).toBe('CANCELLED')
  })

  it('a feed has no METHOD, a name and a refresh interval', () => {
    const text = feedText('Room 1', [entry, { ...entry, uid: 'b2@reservoir' }], NOW)
    expect(text).not.toMatch(/METHOD:/)
    expect(text).toMatch(/\r\nX-WR-CALNAME:Room 1\r\n/)
    expect(text).toMatch(/\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n/)
    expect(allEvents(text).map((e) => e.UID)).toEqual(['b1@reservoir', 'b2@reservoir'])
    expect(text).not.toMatch(/ORGANIZER|ATTENDEE/)
  })

  it('the organizer is read from the From header', () => {
    expect(organizerOf('Reservoir <bookings@example.test>')).toEqual({ name: 'Reservoir', email: 'bookings@example.test' })
    expect(organizerOf('"Bar & Grill" <x@example.test>')).toEqual({ name: 'Bar & Grill', email: 'x@example.test' })
    expect(organizerOf('plain@example.test')).toEqual({ name: null, email: 'plain@example.test' })
  })
})
