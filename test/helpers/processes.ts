import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { processTree } from '../../bench/cpu.js'
import { freePort } from '../../bench/server.js'

export interface Child {
  proc: ChildProcess
  output: string[]
  /** The API's base URL (serve only). */
  base: string | null
  kill(signal?: NodeJS.Signals): Promise<void>
}

/**
 * Runs `reservoir <command> [args]` as a real process (through tsx, as `npm run cli` does) and
 * waits until it is up: the health endpoint answers (serve) or the worker logs that it started.
 */
export async function startReservoir(command: 'serve' | 'worker', env: Record<string, string>, args: string[] = []): Promise<Child> {
  const port = command === 'serve' ? await freePort() : 0
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', command, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', SEED_DEMO: 'false', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  proc.stdout.on('data', (d) => output.push(String(d)))
  proc.stderr.on('data', (d) => output.push(String(d)))
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  const base = command === 'serve' ? `http://127.0.0.1:${port}/api/v1` : null
  const deadline = Date.now() + 60_000
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`reservoir ${command} exited: ${output.join('')}`)
    if (Date.now() > deadline) throw new Error(`reservoir ${command} did not start: ${output.join('')}`)
    if (
      base
        ? await fetch(`${base}/health`).then(
            (r) => r.ok,
            () => false,
          )
        : output.join('').includes('worker started')
    )
      break
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    proc,
    output,
    base,
    kill: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
      await exited
    },
  }
}

/** Polls `probe` every 100 ms until it answers something other than undefined; fails after `ms`, naming `what`. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The workers of a `serve --workers` primary: its child processes running the CLI (tsx also starts esbuild children). Linux only. */
export const workersOf = (primary: number) =>
  processTree(primary).filter((pid) => pid !== primary && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('serve\0--workers'))
