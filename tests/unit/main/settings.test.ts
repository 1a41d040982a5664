import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSettingsService } from '../../../src/main/services/settings'
import {
  createMemorySecretStore,
  type SecretStore,
} from '../../../src/main/services/secrets/secret-store'
import { AppError } from '../../../src/shared/errors'

const tempDir = () => mkdtemp(join(tmpdir(), 'promptlabel-settings-'))

/** A keychain that behaves like a machine with no Secret Service at all. */
function unusableKeychain(): SecretStore {
  const fail = async (): Promise<never> => {
    throw new AppError('keychain-unavailable', 'No keychain service is installed or running.')
  }
  return {
    kind: 'keychain',
    get: fail,
    set: fail,
    delete: fail,
    probe: async () => 'No keychain service is installed or running.',
  }
}

describe('settings', () => {
  it('starts with the local Inference server profile on first run, without writing anything', async () => {
    const dir = await tempDir()
    const settings = createSettingsService(dir, createMemorySecretStore())
    await expect(settings.get()).resolves.toMatchObject({
      baseUrl: 'http://localhost:9001',
      hasApiKey: false,
      storageProblem: null,
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('persists a new URL atomically (no temp file left) and reads it back in a new instance', async () => {
    const dir = await tempDir()
    await createSettingsService(dir, createMemorySecretStore()).update({
      baseUrl: 'http://gpu-box:9001/',
    })
    expect(await readdir(dir)).toEqual(['profiles.json'])
    const again = createSettingsService(dir, createMemorySecretStore())
    // The trailing slash is dropped so routes can be appended as `${baseUrl}/info`.
    await expect(again.get()).resolves.toMatchObject({ baseUrl: 'http://gpu-box:9001' })
  })

  it('keeps the key out of the profiles file and reports only that one is set', async () => {
    const dir = await tempDir()
    const secrets = createMemorySecretStore()
    const settings = createSettingsService(dir, secrets)
    await settings.update({ baseUrl: 'http://127.0.0.1:9001' })
    const after = await settings.setKey('rf_SECRET_123', false)
    expect(after).toMatchObject({ hasApiKey: true, keyStorage: 'keychain' })
    expect(JSON.stringify(after)).not.toContain('rf_SECRET_123')
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('rf_SECRET_123')
    expect(await secrets.get('profile:local')).toBe('rf_SECRET_123')
    await expect(settings.access()).resolves.toMatchObject({ apiKey: 'rf_SECRET_123' })
    await expect(settings.clearKey()).resolves.toMatchObject({ hasApiKey: false })
    expect(await secrets.get('profile:local')).toBeNull()
  })

  it('reports a corrupt profiles file, keeps it byte for byte, and refuses to overwrite it', async () => {
    const dir = await tempDir()
    const path = join(dir, 'profiles.json')
    await writeFile(path, '{"formatVersion": 1, "profiles": [')
    const settings = createSettingsService(dir, createMemorySecretStore())
    const state = await settings.get()
    expect(state.storageProblem).toMatch(/not valid JSON/)
    expect(state.baseUrl).toBe('http://localhost:9001')
    await expect(settings.update({ baseUrl: 'http://other:9001' })).rejects.toMatchObject({
      code: 'storage-corrupt',
    })
    expect(await readFile(path, 'utf8')).toBe('{"formatVersion": 1, "profiles": [')
  })

  it('keeps a file written by a newer version untouched', async () => {
    const dir = await tempDir()
    const path = join(dir, 'profiles.json')
    const newer = JSON.stringify({
      formatVersion: 99,
      activeProfileId: 'x',
      profiles: [
        {
          id: 'x',
          name: 'x',
          kind: 'local',
          baseUrl: 'http://x',
          requestTimeoutMs: 1,
          maxUploadSide: 0,
          keyTransport: 'query',
        },
      ],
    })
    await writeFile(path, newer)
    const settings = createSettingsService(dir, createMemorySecretStore())
    await expect(settings.get()).resolves.toMatchObject({
      storageProblem: expect.stringMatching(/newer version/),
    })
    await expect(settings.update({ maxUploadSide: 10 })).rejects.toBeInstanceOf(AppError)
    expect(await readFile(path, 'utf8')).toBe(newer)
  })

  it('explains an unusable keychain and lets the user keep the key for this session only', async () => {
    const dir = await tempDir()
    const settings = createSettingsService(dir, unusableKeychain())
    await expect(settings.get()).resolves.toMatchObject({
      keychainProblem: expect.stringMatching(/No keychain/),
    })
    await expect(settings.setKey('k-1', false)).rejects.toMatchObject({
      code: 'keychain-unavailable',
    })
    await expect(settings.setKey('k-1', true)).resolves.toMatchObject({
      hasApiKey: true,
      keyStorage: 'session',
    })
    await expect(settings.access()).resolves.toMatchObject({ apiKey: 'k-1' })
    expect(await readdir(dir)).toEqual([])
  })
})
