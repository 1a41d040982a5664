import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createProfilesService, type ProfileFields } from '../../../src/main/services/profiles'
import { copyName } from '../../../src/main/services/profiles-file'
import {
  createMemorySecretStore,
  type SecretStore,
} from '../../../src/main/services/secrets/secret-store'
import { AppError } from '../../../src/shared/errors'
import { profileFields, profileTemplate } from '../../../src/shared/profile'

const tempDir = () => mkdtemp(join(tmpdir(), 'promptlabel-profiles-'))

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

/** Fields as the contract hands them over: parsed, defaults filled in. */
const fields = (input: Partial<ProfileFields> = {}): ProfileFields =>
  profileFields.parse({
    ...profileTemplate('dedicated'),
    baseUrls: ['http://gpu-box:9001'],
    ...input,
  })

function setup(secrets: SecretStore = createMemorySecretStore()) {
  let n = 0
  return tempDir().then((dir) => ({
    dir,
    secrets,
    path: join(dir, 'profiles.json'),
    profiles: createProfilesService({ dataDir: dir, secrets, newId: () => `p${++n}` }),
  }))
}

describe('profiles: store', () => {
  it('starts with the local Inference server profile, active, without writing anything', async () => {
    const { dir, profiles } = await setup()
    const state = await profiles.list()
    expect(state).toMatchObject({ activeId: 'local', keychainProblem: null, storageProblem: null })
    expect(state.profiles).toEqual([
      expect.objectContaining({
        id: 'local',
        name: 'Local Inference server',
        baseUrls: ['http://localhost:9001'],
        hasApiKey: false,
        keyStorage: 'none',
      }),
    ])
    expect(await readdir(dir)).toEqual([])
  })

  it('creates, edits and activates profiles, persisted atomically for the next start', async () => {
    const { dir, profiles, secrets } = await setup()
    const created = await profiles.save({ profile: fields({ name: 'GPU box' }), activate: true })
    expect(created.activeId).toBe('p1')
    await profiles.save({
      id: 'p1',
      profile: fields({ name: 'GPU box', baseUrls: ['http://a:9001', 'http://b:9001'] }),
      activate: false,
    })
    // Only the final file is left: the temp file of the atomic write was renamed over it.
    expect(await readdir(dir)).toEqual(['profiles.json'])
    const again = createProfilesService({ dataDir: dir, secrets })
    const state = await again.list()
    expect(state.activeId).toBe('p1')
    expect(state.profiles.map((p) => p.name)).toEqual(['Local Inference server', 'GPU box'])
    await expect(again.access()).resolves.toMatchObject({
      profileId: 'p1',
      baseUrls: ['http://a:9001', 'http://b:9001'],
      baseUrl: 'http://a:9001',
      requestTimeoutMs: 120_000,
      maxConcurrency: 4,
    })
    await again.activate('local')
    await expect(again.access()).resolves.toMatchObject({ baseUrl: 'http://localhost:9001' })
    await expect(again.access('p1')).resolves.toMatchObject({ profileId: 'p1' })
  })

  it('refuses to edit, activate or reach a profile that does not exist', async () => {
    const { profiles } = await setup()
    await expect(
      profiles.save({ id: 'nope', profile: fields(), activate: false }),
    ).rejects.toMatchObject({ code: 'not-found' })
    await expect(profiles.activate('nope')).rejects.toMatchObject({ code: 'not-found' })
    await expect(profiles.access('nope')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('duplicates a profile next to it as "… copy", with its key', async () => {
    const { profiles, secrets } = await setup()
    await profiles.setKey({ profileId: 'local', apiKey: 'rf_KEY_1', sessionOnly: false })
    await profiles.duplicate('local')
    const state = await profiles.duplicate('local')
    expect(state.profiles.map((p) => p.name)).toEqual([
      'Local Inference server',
      'Local Inference server copy 2',
      'Local Inference server copy',
    ])
    expect(state.profiles[1]).toMatchObject({ id: 'p2', hasApiKey: true, keyStorage: 'keychain' })
    expect(await secrets.get('profile:p2')).toBe('rf_KEY_1')
    expect(state.activeId).toBe('local')
  })

  it('never deletes the last profile; deleting the active one activates its neighbour', async () => {
    const { profiles } = await setup()
    await expect(profiles.remove('local')).rejects.toMatchObject({ code: 'invalid-input' })
    await profiles.save({ profile: fields({ name: 'A' }), activate: false })
    await profiles.save({ profile: fields({ name: 'B' }), activate: true })
    const state = await profiles.remove('p2')
    expect(state.profiles.map((p) => p.id)).toEqual(['local', 'p1'])
    expect(state.activeId).toBe('p1')
  })

  it('reads a profile written before multi-server support as a one-item URL list', async () => {
    const { path, profiles } = await setup()
    const old = {
      formatVersion: 1,
      activeProfileId: 'local',
      profiles: [
        {
          id: 'local',
          name: 'Old',
          kind: 'local',
          baseUrl: 'http://old:9001',
          requestTimeoutMs: 5000,
          maxUploadSide: 0,
          keyTransport: 'query',
        },
      ],
    }
    await writeFile(path, JSON.stringify(old))
    const state = await profiles.list()
    expect(state.storageProblem).toBeNull()
    expect(state.profiles[0]).toMatchObject({ baseUrls: ['http://old:9001'], maxUploadSide: 0 })
  })

  it('names copies within the length limit and skips names already taken', () => {
    expect(copyName('A', ['A', 'A copy'])).toBe('A copy 2')
    expect(copyName('x'.repeat(100), []).length).toBe(100)
  })
})

describe('profiles: a file that cannot be used', () => {
  it('reports a corrupt file, keeps it byte for byte, and refuses every edit', async () => {
    const { path, profiles } = await setup()
    await writeFile(path, '{"formatVersion": 1, "profiles": [')
    const state = await profiles.list()
    expect(state.storageProblem).toMatch(/not valid JSON.*left as it is/)
    expect(state.profiles.map((p) => p.id)).toEqual(['local'])
    for (const edit of [
      () => profiles.save({ profile: fields(), activate: false }),
      () => profiles.duplicate('local'),
      () => profiles.activate('local'),
    ]) {
      await expect(edit()).rejects.toMatchObject({ code: 'storage-corrupt' })
    }
    expect(await readFile(path, 'utf8')).toBe('{"formatVersion": 1, "profiles": [')
  })

  it('keeps a file written by a newer version untouched, whatever its shape', async () => {
    const { path, profiles } = await setup()
    const newer = JSON.stringify({ formatVersion: 2, servers: { anything: true } })
    await writeFile(path, newer)
    await expect(profiles.list()).resolves.toMatchObject({
      storageProblem: expect.stringMatching(/newer version/),
    })
    await expect(profiles.save({ profile: fields(), activate: true })).rejects.toMatchObject({
      code: 'storage-corrupt',
    })
    expect(await readFile(path, 'utf8')).toBe(newer)
  })

  it('reports a file whose profiles are not in the expected form', async () => {
    const { path, profiles } = await setup()
    await writeFile(path, JSON.stringify({ formatVersion: 1, activeProfileId: 'x', profiles: [] }))
    await expect(profiles.list()).resolves.toMatchObject({
      storageProblem: expect.stringMatching(/not in the expected form \(profiles:/),
    })
  })
})

describe('profiles: keys', () => {
  it('keeps one keychain entry per profile, never in the file, and removes it with the profile', async () => {
    const { path, profiles, secrets } = await setup()
    await profiles.save({ profile: fields({ name: 'Hosted' }), activate: false })
    const state = await profiles.setKey({
      profileId: 'p1',
      apiKey: 'rf_SECRET_1',
      sessionOnly: false,
    })
    await profiles.setKey({ profileId: 'p1', apiKey: 'rf_SECRET_2', sessionOnly: false })
    expect(state.profiles.find((p) => p.id === 'p1')).toMatchObject({
      hasApiKey: true,
      keyStorage: 'keychain',
    })
    expect(state.profiles.find((p) => p.id === 'local')).toMatchObject({ hasApiKey: false })
    expect(JSON.stringify(state)).not.toContain('rf_SECRET')
    expect(await readFile(path, 'utf8')).not.toContain('rf_SECRET')
    expect(await secrets.get('profile:p1')).toBe('rf_SECRET_2')
    expect(await profiles.hasKey('p1')).toBe(true)
    await expect(profiles.access('p1')).resolves.toMatchObject({ apiKey: 'rf_SECRET_2' })
    await expect(profiles.access()).resolves.toMatchObject({ apiKey: null })

    await profiles.remove('p1')
    expect(await secrets.get('profile:p1')).toBeNull()
  })

  it('clears a key, and refuses one for a profile that does not exist', async () => {
    const { profiles, secrets } = await setup()
    await profiles.setKey({ profileId: 'local', apiKey: 'k', sessionOnly: false })
    const state = await profiles.clearKey('local')
    expect(state.profiles[0]).toMatchObject({ hasApiKey: false, keyStorage: 'none' })
    expect(await secrets.get('profile:local')).toBeNull()
    await expect(
      profiles.setKey({ profileId: 'nope', apiKey: 'k', sessionOnly: false }),
    ).rejects.toMatchObject({ code: 'not-found' })
  })

  it('tests a draft with the saved key of the profile it edits', async () => {
    const { profiles } = await setup()
    await profiles.setKey({ profileId: 'local', apiKey: 'rf_DRAFT', sessionOnly: false })
    const draft = fields({ baseUrls: ['http://draft:9001'], keyTransport: 'header' })
    await expect(profiles.accessDraft(draft, 'local')).resolves.toMatchObject({
      baseUrl: 'http://draft:9001',
      apiKey: 'rf_DRAFT',
      keyTransport: 'header',
    })
    await expect(profiles.accessDraft(draft)).resolves.toMatchObject({ apiKey: null })
  })

  it('explains an unusable keychain and keeps a key for this session only, never on disk', async () => {
    const { dir, profiles } = await setup(unusableKeychain())
    await expect(profiles.list()).resolves.toMatchObject({
      keychainProblem: expect.stringMatching(/No keychain/),
    })
    await expect(
      profiles.setKey({ profileId: 'local', apiKey: 'k-1', sessionOnly: false }),
    ).rejects.toMatchObject({ code: 'keychain-unavailable' })
    const state = await profiles.setKey({ profileId: 'local', apiKey: 'k-1', sessionOnly: true })
    expect(state.profiles[0]).toMatchObject({ hasApiKey: true, keyStorage: 'session' })
    await expect(profiles.access()).resolves.toMatchObject({ apiKey: 'k-1' })
    expect(await readdir(dir)).toEqual([])
    await profiles.clearKey('local')
    await expect(profiles.access()).resolves.toMatchObject({ apiKey: null })
  })
})
