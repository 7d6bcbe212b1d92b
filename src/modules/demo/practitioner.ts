import { randomBytes } from 'node:crypto'
import { DateTime } from '../../luxon.js'
import type { Services } from '../../app.js'
import type { AccessClaims } from '../auth/tokens.js'

const ZONE = 'Europe/Berlin'
const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open, close }))

/**
 * The marketplace's demo: Mira, a yoga teacher in Berlin (in person and online), verified by
 * the admin, with a 1:1 session, a workshop on the next three Saturdays and a four-week
 * evening course starting next week, a package of five Saturday flows at 15 % off and a bundle
 * of two private classes with the course. Made through the services, as a practitioner would.
 * Her account's password is random: `reservoir set-password` gives her one.
 */
export async function seedPractitioner(services: Services, admin: AccessClaims, now: Date): Promise<void> {
  const email = 'mira@yoga.example'
  const user =
    (await services.auth.findByEmail(email)) ??
    (await services.auth.createUser({ email, password: randomBytes(12).toString('base64url'), name: 'Mira Sol' }, 'customer'))
  const mira: AccessClaims = { userId: user.id, role: 'customer' }
  // Made already (a start that failed after this point keeps what it made).
  if (await services.practitioners.ofUser(user.id)) return
  const profile = await services.practitioners.apply(mira, {
    display_name: 'Mira Sol Yoga',
    bio: 'Vinyasa and yin yoga, breath work and meditation, in Kreuzberg and online.',
    specializations: ['Yoga', 'Meditation', 'Breathwork'],
    certifications: ['RYT-500 (Yoga Alliance)'],
    locations: [
      { address: 'Oranienstraße 25', city: 'Berlin', is_virtual: false, is_primary: true },
      { is_virtual: true, is_primary: false },
    ],
    timezone: ZONE,
    currency: 'EUR',
  })
  await services.practitioners.verify(admin, profile.id)
  await services.practitioners.setSchedule(mira, profile.id, { hours: [...weekdays('09:00', '13:00'), ...weekdays('16:00', '20:00')] })
  const service = (input: Parameters<Services['catalog']['create']>[1]) => services.catalog.create(mira, input)
  const session = await service({
    practitioner_id: profile.id,
    type: 'session',
    title: 'Private yoga class',
    description: 'One hour, one to one, shaped around what you need.',
    category: 'Yoga',
    price: { amount: 7000, currency: 'EUR' },
    duration_minutes: 60,
    is_virtual: true,
  })
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day')
  const saturday = today.plus({ days: ((6 - today.weekday + 7) % 7) + 7 })
  const workshop = await service({
    practitioner_id: profile.id,
    type: 'workshop',
    title: 'Saturday morning flow',
    description: 'Two hours of vinyasa for every level; mats provided.',
    category: 'Yoga',
    price: { amount: 2500, currency: 'EUR' },
    duration_minutes: 120,
    max_participants: 12,
    location: 'Oranienstraße 25, Berlin',
  })
  await services.catalog.schedule(mira, workshop.id, {
    occurrences: [0, 1, 2].map((week) => {
      const start = saturday.plus({ weeks: week }).set({ hour: 10 })
      return { start: start.toISO()!, end: start.plus({ hours: 2 }).toISO()! }
    }),
  })
  const course = await service({
    practitioner_id: profile.id,
    type: 'course',
    title: 'Breathe: a four-week course',
    description: 'Four Tuesday evenings of breath work and meditation, online.',
    category: 'Breathwork',
    price: { amount: 12000, currency: 'EUR' },
    duration_minutes: 75,
    max_participants: 8,
    is_virtual: true,
  })
  const tuesday = today.plus({ days: ((2 - today.weekday + 7) % 7) + 7 })
  await services.catalog.schedule(mira, course.id, {
    occurrences: [0, 1, 2, 3].map((week) => {
      const start = tuesday.plus({ weeks: week }).set({ hour: 20, minute: 15 })
      return { start: start.toISO()!, end: start.plus({ minutes: 75 }).toISO()! }
    }),
  })
  await services.packages.create(mira, profile.id, {
    kind: 'package',
    name: 'Five Saturday flows',
    items: [{ service_id: workshop.id, sessions: 5 }],
    discount_percent: 15,
    valid_for_days: 90,
  })
  await services.packages.create(mira, profile.id, {
    kind: 'bundle',
    name: 'Breathe and two private classes',
    items: [
      { service_id: course.id, sessions: 1 },
      { service_id: session.id, sessions: 2 },
    ],
    price: { amount: 23000, currency: 'EUR' },
    valid_for_days: 120,
  })
}
