/** The server's memory: its resident set size, sampled, and the kernel's high-water mark. */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { processTree } from './cpu.js'

/**
 * Samples the server's resident set size every 100 ms; `peak` is overall, `phase` since the last
 * reset. With `serve --workers N` each process of the cluster is sampled and the largest one
 * counts (the target is per process); the cluster's processes are looked up again every second.
 */
export class RssSampler {
  peakKb = 0
  phaseKb = 0
  private timer: NodeJS.Timeout | undefined
  private pids: number[]
  private samples = 0
  constructor(private readonly pid: number) {
    this.pids = processTree(pid)
  }

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
    if (++this.samples % 10 === 0) this.pids = processTree(this.pid)
    for (const pid of this.pids) {
      const kb = rssKb(pid)
      if (kb === undefined) continue
      // The kernel's high-water mark catches peaks between two samples.
      this.peakKb = Math.max(this.peakKb, kb, rssKb(pid, 'VmHWM') ?? 0)
      this.phaseKb = Math.max(this.phaseKb, kb)
    }
  }
}

/** The largest RSS among the server's processes (one, or a cluster's primary and workers), in kB. */
export const serverRssKb = (pid: number) => Math.max(0, ...processTree(pid).map((p) => rssKb(p) ?? 0))

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
