import { describe, expect, it } from 'vitest'
import { describeConnection } from '../../../src/renderer/src/core/connection'

const report = {
  reachable: true,
  serverName: 'Roboflow Inference',
  version: '0.51.3',
  healthy: true as boolean | null,
  message: 'Connected',
}

describe('describeConnection', () => {
  it('says "testing" while the call runs and "not tested" before any', () => {
    expect(describeConnection(report, true)).toEqual({ state: 'testing', text: 'Testing…' })
    expect(describeConnection(null, false)).toEqual({ state: 'idle', text: 'Not tested' })
  })

  it('names the server and version after a good test', () => {
    expect(describeConnection(report, false)).toEqual({
      state: 'ok',
      text: 'Connected · Roboflow Inference 0.51.3',
    })
  })

  it('tells an unreachable server from a reachable but unhealthy one', () => {
    const down = {
      ...report,
      reachable: false,
      serverName: null,
      version: null,
      message: 'No answer',
    }
    expect(describeConnection(down, false)).toEqual({ state: 'unreachable', text: 'No answer' })
    expect(describeConnection({ ...report, healthy: false }, false).state).toBe('unhealthy')
  })

  it('treats an unknown health as fine when the server answered', () => {
    expect(describeConnection({ ...report, healthy: null }, false).state).toBe('ok')
  })
})
