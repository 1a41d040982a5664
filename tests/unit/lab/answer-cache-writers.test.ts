import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  AnswerCache,
  labCachePath,
  type CachedAnswer,
} from '../../../src/main/services/lab/answer-cache'

const dirs: string[] = []
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true })
})

/** An answer of `boxes` boxes: at 300 a line is about 30 kB, far past what one small write holds. */
function answer(seed: number, boxes: number): CachedAnswer {
  return {
    width: 640,
    height: 480,
    detections: Array.from({ length: boxes }, (_, i) => ({
      className: `class ${i % 7}`,
      confidence: ((seed * 31 + i) % 97) / 100,
      box: { x: i, y: seed % 400, width: 10 + (i % 50), height: 12 },
    })),
  }
}

describe('the lab cache with two writers', () => {
  it('keeps every line whole when the app and the command line append to one cache at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-writers-'))
    dirs.push(dir)
    // Two caches on one file: each has its own handle opened for appending, as two processes would.
    const app = await AnswerCache.open(dir)
    const cli = await AnswerCache.open(dir)
    const writes: Promise<void>[] = []
    for (let i = 0; i < 60; i++) {
      writes.push(app.put(`app-${i}`, answer(i, i % 3 === 0 ? 300 : 4)))
      writes.push(cli.put(`cli-${i}`, answer(i + 1_000, i % 4 === 0 ? 300 : 2)))
    }
    await Promise.all(writes)
    await Promise.all([app.close(), cli.close()])

    const text = await readFile(labCachePath(dir), 'utf8')
    expect(text.split('\n').filter((line) => line !== '')).toHaveLength(120)
    const reread = await AnswerCache.open(dir)
    try {
      expect(reread.damagedLines).toEqual([])
      for (let i = 0; i < 60; i++) {
        expect(reread.get(`app-${i}`)).toEqual(answer(i, i % 3 === 0 ? 300 : 4))
        expect(reread.get(`cli-${i}`)).toEqual(answer(i + 1_000, i % 4 === 0 ? 300 : 2))
      }
    } finally {
      await reread.close()
    }
  })
})
