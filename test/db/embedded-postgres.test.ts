import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { clearOrphan } from '../../src/db/embedded-postgres.js'

// The kill -9 guard of the embedded PostgreSQL prototype, without PostgreSQL: a stand-in process
// plays the postmaster left behind by a killed server (what the guard checks is the pid file and
// the process's working directory, which a postmaster sets to its data directory).
describe.skipIf(process.platform !== 'linux')('embedded PostgreSQL: a postmaster left by a killed server', () => {
  const dirs: string[] = []
  const children: ChildProcess[] = []
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'reservoir-pgdata-'))
    dirs.push(dir)
    return dir
  }
  const standIn = (cwd: string) => {
    const child = spawn('sleep', ['60'], { cwd, stdio: 'ignore' })
    children.push(child)
    return child
  }
  const pidFile = (dir: string, pid: number) => writeFileSync(join(dir, 'postmaster.pid'), `${pid}\n${dir}\n1700000000\n5432\n`)
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL')
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('finds nothing to do without a pid file', async () => {
    expect(await clearOrphan(dataDir())).toBe('none')
  })

  it('leaves a pid file whose process is gone to PostgreSQL, which takes the lock over', async () => {
    const dir = dataDir()
    const gone = standIn(dir)
    const exited = new Promise((r) => gone.once('exit', r))
    gone.kill('SIGKILL')
    await exited
    pidFile(dir, gone.pid!)
    expect(await clearOrphan(dir)).toBe('stale pid file')
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(true)
  })

  it('removes a pid file naming a live process that is not on this data directory (a reused pid)', async () => {
    const dir = dataDir()
    const other = standIn(tmpdir())
    pidFile(dir, other.pid!)
    expect(await clearOrphan(dir)).toBe('stale pid file')
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false)
    expect(other.exitCode).toBeNull()
  })

  it('shuts down the live process running in the data directory', async () => {
    const dir = dataDir()
    const orphan = standIn(dir)
    const exited = new Promise((r) => orphan.once('exit', (_code, signal) => r(signal)))
    pidFile(dir, orphan.pid!)
    expect(await clearOrphan(dir)).toBe('stopped orphan')
    expect(await exited).toBe('SIGINT')
  })
})
