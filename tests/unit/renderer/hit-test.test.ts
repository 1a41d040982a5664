import { describe, expect, it } from 'vitest'
import { boxAt } from '../../../src/renderer/src/core/hit-test'

describe('boxAt', () => {
  const items = [
    { id: 'big', box: { x: 0, y: 0, width: 100, height: 100 } },
    { id: 'small', box: { x: 40, y: 40, width: 20, height: 20 } },
  ]

  it('picks the smallest box under the point so nested boxes stay reachable', () => {
    expect(boxAt({ x: 50, y: 50 }, items)).toBe('small')
  })

  it('picks the enclosing box outside the nested one', () => {
    expect(boxAt({ x: 10, y: 10 }, items)).toBe('big')
  })

  it('counts the edge as inside and finds nothing outside every box', () => {
    expect(boxAt({ x: 100, y: 100 }, items)).toBe('big')
    expect(boxAt({ x: 101, y: 50 }, items)).toBeNull()
  })
})
