import type { Tx } from '../../db/client.js'
import { insertContent } from '../content/queries.js'

const MENU = [
  { category: 'Drinks', name: 'Neon Lemonade', price: 600, description: 'House lemonade, blue' },
  { category: 'Drinks', name: 'Draft beer', price: 750, description: 'Ask for today’s taps' },
  { category: 'Drinks', name: 'Pitcher', price: 2400, description: 'Serves four' },
  { category: 'Snacks', name: 'Fries', price: 700, description: null },
  { category: 'Snacks', name: 'Nachos', price: 1200, description: 'With jalapeños and salsa' },
  { category: 'Snacks', name: 'Wings (10)', price: 1500, description: 'Buffalo or BBQ' },
]

/** The karaoke bar's business info and a short menu, so the content endpoints show something. */
export async function seedKaraokeContent(tx: Tx, venueId: string): Promise<void> {
  await insertContent(
    tx,
    {
      venueId,
      hoursText: 'Every day 4 pm – 2 am',
      phone: '+1 303 555 0100',
      address: '1600 Blake St, Denver, CO',
      socials: { instagram: 'https://instagram.com/neonnightskaraoke' },
      policies: 'Rooms are held 15 minutes past the start. Cancel 48 h ahead for a full refund.',
    },
    MENU.map((m, i) => ({ ...m, venueId, position: i % 3 })),
  )
}
