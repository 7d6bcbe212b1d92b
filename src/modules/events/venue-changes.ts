/**
 * An in-process notice that something bookable at a venue changed (a claim, hours, a room).
 * Caches in this process listen; other processes rely on the caches' short lifetime.
 */
export class VenueChanges {
  private readonly listeners = new Set<(venueId: string) => void>()

  touch(venueId: string): void {
    for (const listener of this.listeners) listener(venueId)
  }

  subscribe(listener: (venueId: string) => void): void {
    this.listeners.add(listener)
  }
}
