import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUploadCache } from '../../../src/main/services/detectors'
import type { PreparedUpload, UploadOptions } from '../../../src/main/services/images'

let dir: string
let a: string
let b: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promptlabel-cache-'))
  a = join(dir, 'a.jpg')
  b = join(dir, 'b.jpg')
  await writeFile(a, 'a')
  await writeFile(b, 'b')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A prepare that counts its calls; the cache's behaviour, not sharp's, is under test here. */
function counting() {
  const calls: string[] = []
  const prepare = async (path: string, options: UploadOptions): Promise<PreparedUpload> => {
    calls.push(`${path}@${options.maxSide}`)
    return { base64: `${path}@${options.maxSide}#${calls.length}` } as PreparedUpload
  }
  return { calls, prepare }
}

describe('createUploadCache', () => {
  it('prepares a kept reference once per file and settings', async () => {
    const { calls, prepare } = counting()
    const cache = createUploadCache(4, prepare)
    const first = await cache.prepare(a, { maxSide: 800 }, true)
    expect(await cache.prepare(a, { maxSide: 800 }, true)).toBe(first)
    await cache.prepare(a, { maxSide: 0 }, true)
    await cache.prepare(a, { maxSide: 800, maxBytes: 5_000_000 }, true)
    expect(calls).toHaveLength(3)
  })

  it('lets a query image reuse a kept reference but never stores one', async () => {
    const { calls, prepare } = counting()
    const cache = createUploadCache(4, prepare)
    await cache.prepare(b, { maxSide: 800 }, false)
    await cache.prepare(b, { maxSide: 800 }, false)
    expect(calls).toHaveLength(2)
    const kept = await cache.prepare(b, { maxSide: 800 }, true)
    expect(await cache.prepare(b, { maxSide: 800 }, false)).toBe(kept)
    expect(calls).toHaveLength(3)
  })

  it('prepares a file again once it changed on disk', async () => {
    const { calls, prepare } = counting()
    const cache = createUploadCache(4, prepare)
    await cache.prepare(a, { maxSide: 800 }, true)
    await utimes(a, new Date(), new Date(Date.now() + 60_000))
    await cache.prepare(a, { maxSide: 800 }, true)
    expect(calls).toHaveLength(2)
  })

  it('forgets the least recently used entry beyond its limit, and failures at once', async () => {
    const { calls, prepare } = counting()
    const cache = createUploadCache(1, prepare)
    await cache.prepare(a, { maxSide: 1 }, true)
    await cache.prepare(a, { maxSide: 2 }, true)
    await cache.prepare(a, { maxSide: 1 }, true)
    expect(calls).toHaveLength(3)

    let fail = true
    const flaky = createUploadCache(4, async (path, options) => {
      if (fail) throw new Error('disk hiccup')
      return prepare(path, options)
    })
    await expect(flaky.prepare(b, { maxSide: 1 }, true)).rejects.toThrow('disk hiccup')
    fail = false
    await expect(flaky.prepare(b, { maxSide: 1 }, true)).resolves.toBeDefined()
  })
})
