import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../src/shared/errors'
import { errorTitle, toErrorData } from '../../../src/renderer/src/core/error-titles'

describe('errorTitle', () => {
  it('gives every error code a short, plain title', () => {
    for (const code of ERROR_CODES) {
      const title = errorTitle(code)
      expect(title.length, code).toBeGreaterThan(0)
      expect(title.length, code).toBeLessThanOrEqual(40)
      expect(title, code).not.toMatch(/[-_]/)
    }
  })

  it('names a rejected key as such', () => {
    expect(errorTitle('auth-invalid')).toBe('API key rejected')
    expect(errorTitle('unreachable')).toBe("Can't reach the server")
  })

  it('throws on a code outside the contract instead of showing nothing', () => {
    expect(() => errorTitle('made-up' as never)).toThrow(/made-up/)
  })
})

describe('toErrorData', () => {
  it('turns an exception into an internal error without a stack', () => {
    const data = toErrorData(new TypeError('x is undefined'))
    expect(data.code).toBe('internal')
    expect(data.message).toContain('x is undefined')
    expect(data.message).not.toMatch(/at .*:\d+/)
  })
})
