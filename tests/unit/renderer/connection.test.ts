import { describe, expect, it } from 'vitest'
import {
  connectionState,
  describeConnection,
  describeKeyStorage,
  verdictLine,
} from '../../../src/renderer/src/core/connection'
import type { ConnectionReport } from '../../../src/shared/contract'

const report: ConnectionReport = {
  reachable: true,
  serverName: 'Roboflow Inference Server',
  version: '1.5.0',
  healthy: true,
  routes: {
    groundingDino: 'available',
    owlv2: 'available',
    moondream2: 'available',
    hostedModels: 'available',
  },
  key: 'accepted',
  findings: [],
  message: 'Connected to Roboflow Inference Server 1.5.0 at http://localhost:9001.',
  url: 'http://localhost:9001',
}

describe('describeConnection', () => {
  it('says "testing" while the call runs and "not tested" before any', () => {
    expect(describeConnection(report, true)).toEqual({ state: 'testing', text: 'Testing…' })
    expect(describeConnection(null, false)).toEqual({ state: 'idle', text: 'Not tested' })
  })

  it('shows the report’s one-line message after a good test', () => {
    expect(describeConnection(report, false)).toEqual({ state: 'ok', text: report.message })
  })

  it('warns when the server answered but cannot be used as it stands', () => {
    expect(connectionState({ ...report, key: 'rejected' })).toBe('warning')
    expect(connectionState({ ...report, key: 'missing' })).toBe('warning')
    expect(connectionState({ ...report, healthy: false })).toBe('warning')
    expect(connectionState({ ...report, serverName: null })).toBe('warning')
    expect(connectionState({ ...report, healthy: null, key: 'not-required' })).toBe('ok')
  })

  it('names the address tested when the verdict does not already say it', () => {
    const rejected = {
      ...report,
      key: 'rejected' as const,
      message: 'Connected to Roboflow Inference Server 1.5.0, but the API key was rejected.',
    }
    expect(describeConnection(rejected, false).text).toBe(
      'http://localhost:9001: Connected to Roboflow Inference Server 1.5.0, but the API key was rejected.',
    )
    // The usual verdict carries the address already: it is not repeated.
    expect(verdictLine(report)).toBe(report.message)
  })

  it('tells an unreachable server apart', () => {
    expect(connectionState({ ...report, reachable: false })).toBe('unreachable')
  })
})

describe('describeKeyStorage', () => {
  it('says where the key is kept, never what it is', () => {
    expect(describeKeyStorage({ hasApiKey: false, keyStorage: 'none' })).toBe('No key set')
    expect(describeKeyStorage({ hasApiKey: true, keyStorage: 'keychain' })).toBe(
      'Key set (stored in OS keychain)',
    )
    expect(describeKeyStorage({ hasApiKey: true, keyStorage: 'session' })).toBe(
      'Key set (this session only)',
    )
  })
})
