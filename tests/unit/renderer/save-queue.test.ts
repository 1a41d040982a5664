import { describe, expect, it } from 'vitest'
import { SaveQueue } from '../../../src/renderer/src/core/save-queue'

describe('SaveQueue', () => {
  it('writes one call at a time, the latest value per key, in order', async () => {
    const written: string[] = []
    let release: () => void = () => {}
    const queue = new SaveQueue<number>(async (key, value) => {
      written.push(`${key}=${value}`)
      // The first write is slow, so the next values queue up behind it.
      if (written.length === 1) await new Promise<void>((resolve) => (release = resolve))
    })
    queue.push('a', 1)
    expect(queue.busy('a')).toBe(true)
    queue.push('a', 2)
    queue.push('b', 1)
    queue.push('a', 3)
    release()
    await queue.flush()
    // a=2 never went out: a=3 replaced it while a=1 was being written.
    expect(written).toEqual(['a=1', 'a=3', 'b=1'])
    expect(queue.idle).toBe(true)
    expect(queue.busy('a')).toBe(false)
  })
})
