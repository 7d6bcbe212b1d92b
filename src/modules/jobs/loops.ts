import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../../db/client.js'

/**
 * Work that runs continuously rather than on a cron tick (whose minute is too coarse for a
 * dashboard): the outbox relay and the senders. Each loop runs when a NOTIFY on one of its
 * channels says there is work, and every `intervalMs` anyway, for retries that fall due and
 * notices lost with a connection. `run` is idempotent and answers how much it did.
 */
export interface Loop {
  name: string
  wakeOn: readonly string[]
  intervalMs: number
  run(): Promise<number>
  /** Hands the loop's kick to writers in this process that wake it directly; answers how to take it back. */
  attach?(kick: () => void): () => void
}

export interface Loops {
  /** Runs every loop now (tests, and after start-up). */
  kick(): void
  stop(): Promise<void>
}

const BACKOFF_MAX_MS = 30_000

export async function startLoops(database: Database, loops: readonly Loop[], log: FastifyBaseLogger): Promise<Loops> {
  const runners = loops.map((loop) => new Runner(loop, log))
  const channels = [...new Set(loops.flatMap((l) => l.wakeOn))]
  const unlisten = await Promise.all(
    channels.map((channel) =>
      database.listen(
        channel,
        () => runners.filter((r) => r.loop.wakeOn.includes(channel)).forEach((r) => r.kick()),
        () => runners.forEach((r) => r.kick()),
      ),
    ),
  )
  const detach = runners.map((r) => r.loop.attach?.(() => r.kick()))
  runners.forEach((r) => r.kick())
  return {
    kick: () => runners.forEach((r) => r.kick()),
    stop: async () => {
      detach.forEach((d) => d?.())
      await Promise.all(unlisten.map((stop) => stop()))
      await Promise.all(runners.map((r) => r.stop()))
    },
  }
}

/** One loop: never two runs at once in a process; a kick during a run means one more run. */
class Runner {
  private running: Promise<void> | undefined
  private again = false
  private stopped = false
  private timer: NodeJS.Timeout | undefined
  private failures = 0

  constructor(
    readonly loop: Loop,
    private readonly log: FastifyBaseLogger,
  ) {}

  kick(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    clearTimeout(this.timer)
    this.running = this.cycle().finally(() => {
      this.running = undefined
      if (this.stopped) return
      if (this.again) {
        this.again = false
        this.kick()
      } else this.schedule()
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
  }

  private async cycle(): Promise<void> {
    try {
      // Runs until a round finds nothing, so a burst is drained without waiting for notices.
      while (!this.stopped && (await this.loop.run()) > 0) this.failures = 0
      this.failures = 0
    } catch (error) {
      this.failures += 1
      if (!this.stopped) this.log.error({ err: error, loop: this.loop.name }, 'background loop failed')
    }
  }

  private schedule(): void {
    // A failing loop (database down, broker down) backs off instead of spinning.
    const delay = this.failures === 0 ? this.loop.intervalMs : Math.min(BACKOFF_MAX_MS, this.loop.intervalMs * 2 ** this.failures)
    this.timer = setTimeout(() => this.kick(), delay)
    this.timer.unref()
  }
}
