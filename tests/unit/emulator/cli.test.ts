import { describe, expect, it, vi } from 'vitest'
import { main, parseArgs } from '../../support/emulator/cli'

describe('emulator command line', () => {
  it('parses every knob', () => {
    const argv =
      '--port 9002 --service-time 200 --slots 2 --api-key KEY --fault-500 0.1 --fault-503 0.05 --fault-hang 0.02 --fault-reset 0.03 --seed 7 --no-owlv2 --no-lmm'
    expect(parseArgs(argv.split(' '))).toEqual({
      port: 9002,
      serviceTimeMs: 200,
      slots: 2,
      apiKey: 'KEY',
      faults: { error500: 0.1, busy503: 0.05, hang: 0.02, reset: 0.03 },
      seed: 7,
      owlv2Enabled: false,
      lmmEnabled: false,
    })
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option --bogus/)
    expect(() => parseArgs(['--slots', 'many'])).toThrow(/--slots needs a number/)
  })

  it('prints one line with the URL it listens on', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const emulator = await main(['--port', '0', '--no-lmm'], { handleSignals: false })
    try {
      expect(log).toHaveBeenCalledExactlyOnceWith(
        `Inference emulator listening on http://127.0.0.1:${emulator.port}`,
      )
      expect((await fetch(`${emulator.url}/healthz`)).status).toBe(200)
    } finally {
      log.mockRestore()
      await emulator.close()
    }
  })
})
