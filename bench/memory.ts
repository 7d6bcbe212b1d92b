/** The server's memory: its resident set size, sampled, and the kernel's high-water mark. */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

/** Samples the child's resident set size every 100 ms; `peak` is overall, `phase` since the last reset. */
export class RssSampler {
  peakKb = 0
  phaseKb = 0
  private timer: NodeJS.Timeout | undefined
  constructor(private readonly pid: number) {}

  start(): void {
    this.sample()
    this.timer = setInterval(() => this.sample(), 100)
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }
  resetPhase(): number {
    const kb = this.phaseKb
    this.phaseKb = 0
    return kb / 1024
  }
  sample(): void {
    const kb = rssKb(this.pid)
    if (kb === undefined) return
    // The kernel's high-water mark catches peaks between two samples.
    this.peakKb = Math.max(this.peakKb, kb, rssKb(this.pid, 'VmHWM') ?? 0)
    this.phaseKb = Math.max(this.phaseKb, kb)
  }
}

export function rssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined {
  const proc = `/proc/${pid}/status`
  try {
    if (existsSync(proc)) {
      const m = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(readFileSync(proc, 'utf8'))
      return m ? Number(m[1]) : undefined
    }
    if (field === 'VmHWM') return undefined
    const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()
    return out ? Number(out) : undefined
  } catch {
    return undefined
  }
}
