import { readFileSync } from 'node:fs'

/**
 * Whether a process runs: it exists (EPERM: it exists but belongs to someone else) and is not a
 * zombie. A server killed with SIGKILL whose parent is gone is reparented to PID 1, which in a
 * container may reap it late or never; `kill(pid, 0)` alone would call it alive and block a restart.
 */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z'
  } catch {
    return true // no /proc (macOS): trust kill(pid, 0)
  }
}
