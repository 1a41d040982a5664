import { describe, expect, it } from 'vitest'
import { dispatch, type Handlers } from '../../../src/main/services/dispatcher'
import { createSilentLogger } from '../../../src/main/services/platform'
import { AppError } from '../../../src/shared/errors'

/** Handlers that record what reached them; any channel a test does not set throws. */
function handlersWith(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) =>
      (target as Record<string, unknown>)[key] ??
      (async () => {
        throw new Error(`unexpected call ${key}`)
      }),
  })
}

describe('dispatch', () => {
  it('refuses an unknown channel as data, without calling anything', async () => {
    const result = await dispatch(handlersWith({}), 'fs.readEverything', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'Unknown call "fs.readEverything".' },
    })
  })

  it('refuses a channel name that is not a string', async () => {
    const result = await dispatch(handlersWith({}), { toString: () => 'app.info' }, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
  })

  it('does not treat inherited object keys as channels', async () => {
    const result = await dispatch(handlersWith({}), 'constructor', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
  })

  it('rejects invalid input with the field named, before the handler runs', async () => {
    let called = false
    const handlers = handlersWith({
      'image.open': async () => {
        called = true
        throw new Error('should not run')
      },
    })
    const result = await dispatch(handlers, 'image.open', { path: 7 })
    expect(called).toBe(false)
    // The field in words for the error bar, its path as data for placing the message.
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: ['path'] } })
    if (!result.ok) expect(result.error.message).toMatch(/^File: /)
  })

  it('names a refused field in words, never by its code path', async () => {
    const result = await dispatch(handlersWith({}), 'profile.save', {
      id: 'local',
      profile: { name: 'Local', kind: 'local', baseUrls: ['localhost:9101'] },
    })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message:
          'Server address: Enter the server’s full address, starting with http:// or https://',
        field: ['profile', 'baseUrls', 0],
      },
    })
    // The second of several addresses is numbered as a user counts.
    const second = await dispatch(handlersWith({}), 'profile.save', {
      profile: { name: 'Two', kind: 'local', baseUrls: ['http://a:9001', 'b:9001'] },
    })
    if (!second.ok) expect(second.error.message).toMatch(/^Server address 2: Enter the server’s/)
    expect(second.ok).toBe(false)
  })

  it('rejects unknown extra fields (strict schemas), so a typo never passes silently', async () => {
    const result = await dispatch(handlersWith({}), 'secret.clear', { everything: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('passes parsed input with defaults applied to the handler and wraps the value', async () => {
    const seen: unknown[] = []
    const handlers = handlersWith({
      'detection.run': async (input) => {
        seen.push(input)
        throw new AppError('not-found', 'That image is no longer open.')
      },
    })
    const result = await dispatch(handlers, 'detection.run', {
      requestId: 'r1',
      imageId: 'i1',
      model: { kind: 'grounding-dino', classes: ['dog'] },
    })
    // The contract's defaults (thresholds 0.35/0.25, NMS off) are filled in before the handler runs.
    expect(seen[0]).toEqual({
      requestId: 'r1',
      imageId: 'i1',
      model: {
        kind: 'grounding-dino',
        classes: ['dog'],
        boxThreshold: 0.35,
        textThreshold: 0.25,
        classAgnosticNms: false,
      },
    })
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That image is no longer open.' },
    })
  })

  it('returns the handler value as ok data', async () => {
    const handlers = handlersWith({
      'detection.cancel': async (input) => ({ cancelled: input.requestId === 'r9' }),
    })
    await expect(dispatch(handlers, 'detection.cancel', { requestId: 'r9' })).resolves.toEqual({
      ok: true,
      value: { cancelled: true },
    })
  })

  it('turns an unexpected throw into an internal error without leaking its text, and logs it', async () => {
    const logger = createSilentLogger()
    const handlers = handlersWith({
      'app.info': async () => {
        throw new TypeError('Cannot read properties of undefined (reading secret)')
      },
    })
    const result = await dispatch(handlers, 'app.info', {}, logger)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    if (!result.ok) expect(result.error.message).not.toMatch(/Cannot read/)
    expect(logger.lines.join('\n')).toMatch(/Cannot read properties/)
  })

  it('tells a file-system failure in words, in the message and the log', async () => {
    const logger = createSilentLogger()
    const handlers = handlersWith({
      'image.open': async () => {
        // What fs.open throws on a folder the user may not read.
        throw Object.assign(new Error("EACCES: permission denied, open '/x/y.png'"), {
          code: 'EACCES',
          syscall: 'open',
          path: '/x/y.png',
        })
      },
    })
    const result = await dispatch(handlers, 'image.open', { path: '/x/y.png' }, logger)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Could not open /x/y.png: permission denied.',
      },
    })
    expect(logger.lines.join('\n')).toContain('Could not open /x/y.png: permission denied.')
  })

  it('treats a missing input as an empty object for calls that take none', async () => {
    const handlers = handlersWith({
      'app.info': async () => ({
        name: 'Promptlabel',
        version: '1',
        platform: 'linux',
        transport: 'in-process',
      }),
    })
    await expect(dispatch(handlers, 'app.info', undefined)).resolves.toMatchObject({ ok: true })
  })
})
