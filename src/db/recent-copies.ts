/**
 * Copies of rows read within the last `ms`, per key and process, for the hot paths that read
 * rows which change rarely (a venue, a room) on every request. A read that fails is not kept:
 * the next caller reads again. At most 10,000 keys are kept; past that the map starts over.
 */
export class RecentCopies<T> {
  private readonly copies = new Map<string, { until: number; value: Promise<T> }>()

  constructor(private readonly ms: number) {}

  /** The copy read within the last `ms`, or `read()`'s answer, kept from now. */
  get(key: string, read: () => Promise<T>): Promise<T> {
    // Real time, not the business clock: this is about how old a copy is.
    const now = Date.now()
    const hit = this.copies.get(key)
    if (hit && hit.until > now) return hit.value
    if (this.copies.size >= 10_000) this.copies.clear()
    const entry = { until: now + this.ms, value: read() }
    this.copies.set(key, entry)
    entry.value.catch(() => {
      if (this.copies.get(key) === entry) this.copies.delete(key)
    })
    return entry.value
  }

  /** Forgets the copy of `key`: this process changed its row. */
  drop(key: string): void {
    this.copies.delete(key)
  }
}
