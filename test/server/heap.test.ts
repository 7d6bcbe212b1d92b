import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type * as v8 from 'node:v8'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const setFlags = vi.hoisted(() => vi.fn())
vi.mock('node:v8', async (original) => ({ ...(await original<typeof v8>()), setFlagsFromString: setFlags }))

const { SERVING_GC_FLAGS, SERVING_NODE_FLAGS, tuneHeapForServing } = await import('../../src/heap.js')

describe('the collector tuned for serving', () => {
  beforeEach(() => setFlags.mockClear())

  it('sets both flags when node was given neither', () => {
    expect(tuneHeapForServing(['--enable-source-maps'])).toEqual([...SERVING_GC_FLAGS])
    expect(setFlags.mock.calls.map(([flag]) => flag)).toEqual([...SERVING_GC_FLAGS])
  })

  it("leaves a flag given on node's command line as it was given, in any of V8's spellings", () => {
    expect(tuneHeapForServing(['--heap_growing_percent=80'])).toEqual(['--no-allocation-site-pretenuring'])
    expect(tuneHeapForServing(['--allocation-site-pretenuring', '--heap-growing-percent=10'])).toEqual([])
    expect(tuneHeapForServing(['--noallocation-site-pretenuring'])).toEqual(['--heap-growing-percent=50'])
    expect(setFlags.mock.calls.map(([flag]) => flag)).toEqual(['--no-allocation-site-pretenuring', '--heap-growing-percent=50'])
  })

  it('names flags this Node knows: V8 complains on stderr about one it does not', () => {
    const stderrOf = (flags: readonly string[]) =>
      spawnSync(process.execPath, ['-e', `for (const f of ${JSON.stringify(flags)}) require('node:v8').setFlagsFromString(f)`], { encoding: 'utf8' }).stderr
    expect(stderrOf(SERVING_GC_FLAGS)).toBe('')
    // The check can fail: an unknown flag is reported.
    expect(stderrOf(['--no-such-gc-flag-here'])).toContain('unrecognized flag')
  })

  it('gives node the flags that count only on its command line when npm start runs the server, and node accepts them', () => {
    const start: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts.start
    const args = start.split(/\s+/)
    expect(args[0]).toBe('node')
    expect(args.slice(1, args.indexOf('dist/cli.js'))).toEqual([...SERVING_NODE_FLAGS])
    const run = (flags: readonly string[]) => spawnSync(process.execPath, [...flags, '-e', ''], { encoding: 'utf8' })
    expect(run(SERVING_NODE_FLAGS)).toMatchObject({ status: 0, stderr: '' })
    // The check can fail: node refuses a value it cannot read.
    expect(run(['--max-semi-space-size=eight']).status).not.toBe(0)
  })
})
