import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createMemorySecretStore,
  type SecretStore,
} from '../../../src/main/services/secrets/secret-store'
import type { ProfilesState } from '../../../src/shared/profile'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage } from '../../support/test-images'
import { runCli, tempDir } from './helpers'
import { createTestServices } from '../../support/services'

const SAVED_KEY = 'saved-key-0123456789'
let dir: Awaited<ReturnType<typeof tempDir>>
let dataDir: string
let image: string
let emulator: Emulator
/** Stands in for the OS keychain: it holds the key the app saved for the profile. */
let keychain: SecretStore
let profileId: string

beforeAll(async () => {
  dir = await tempDir('cli-profile')
  dataDir = join(dir.path, 'Promptlabel')
  image = join(dir.path, 'shapes.png')
  const shapes = await makeShapesImage({
    width: 300,
    height: 200,
    format: 'png',
    shapes: [{ colour: 'red', x: 30, y: 40, width: 90, height: 60 }],
  })
  await writeFile(image, shapes.buffer)
  emulator = await startEmulator({ apiKey: SAVED_KEY })
  keychain = createMemorySecretStore()
  // Save a profile and its key the way the app does, through the same services.
  const app = createTestServices(dataDir, { secretStore: keychain })
  const saved = await app.invoke('profile.save', {
    profile: { name: 'Lab emulator', kind: 'local', baseUrls: [emulator.url] },
  })
  const state = (saved as { ok: true; value: ProfilesState }).value
  profileId = state.profiles.find((p) => p.name === 'Lab emulator')!.id
  await app.invoke('secret.set', { profileId, apiKey: SAVED_KEY })
  await app.close()
})

afterAll(async () => {
  await emulator.close()
  await dir.remove()
})

const args = (...more: string[]): string[] => [
  'detect',
  image,
  '--model',
  'grounding-dino',
  '--classes',
  'red',
  '--json',
  ...more,
]

describe('--profile', () => {
  it("uses a saved profile and its keychain key, leaving the app's files and keys as they were", async () => {
    const before = await readFile(join(dataDir, 'profiles.json'), 'utf8')
    const run = await runCli(args('--profile', 'Lab emulator', '--data-dir', dataDir), {
      keychain: () => keychain,
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.records[0]?.detections.map((d) => d.class)).toEqual(['red'])
    expect(await readFile(join(dataDir, 'profiles.json'), 'utf8')).toBe(before)
    expect(await keychain.get(`profile:${profileId}`)).toBe(SAVED_KEY)
  })

  it('finds the data folder from PROMPTLABEL_DATA_DIR and the profile by id', async () => {
    const run = await runCli(args('--profile', profileId), {
      keychain: () => keychain,
      env: { PROMPTLABEL_DATA_DIR: dataDir },
    })
    expect(run.code).toBe(0)
  })

  it('lets ROBOFLOW_API_KEY win over the saved key, without replacing the saved one', async () => {
    const run = await runCli(args('--profile', 'lab EMULATOR', '--data-dir', dataDir), {
      keychain: () => keychain,
      env: { ROBOFLOW_API_KEY: 'env-key-that-is-wrong' },
    })
    expect(run.code).toBe(2)
    expect(run.records[0]?.error?.code).toBe('auth-invalid')
    expect(run.stderr).toContain('Check ROBOFLOW_API_KEY')
    expect(run.stdout + run.stderr).not.toContain('env-key-that-is-wrong')
    expect(await keychain.get(`profile:${profileId}`)).toBe(SAVED_KEY)
  })

  it('names the saved profiles when the one asked for does not exist (exit 1)', async () => {
    const run = await runCli(args('--profile', 'Cloud', '--data-dir', dataDir), {
      keychain: () => keychain,
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'promptlabel: No saved profile is named "Cloud".\nHint: Saved profiles: "Local Inference server", "Lab emulator".\n',
    )
  })

  it('explains a missing data folder instead of creating one (exit 1)', async () => {
    const missing = join(dir.path, 'nowhere')
    const run = await runCli(args('--profile', 'Lab emulator', '--data-dir', missing), {
      keychain: () => keychain,
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/No Promptlabel data folder at .*nowhere\.\nHint: /)
  })
})
