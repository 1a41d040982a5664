import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { ProfilesState } from '../../../src/shared/contract'
import { createServices } from '../../../src/main/services'
import { createSilentLogger } from '../../../src/main/services/platform'
import {
  createKeychainSecretStore,
  describeKeychainFailure,
} from '../../../src/main/services/secrets/keychain-store'

const run = promisify(execFile)
/** A service name of its own per run, so parallel runs and a user's real entries never mix. */
const service = `Promptlabel-test-${process.pid}-${Date.now()}`

describe('OS keychain (real Secret Service)', () => {
  it('stores, reads back, replaces and deletes a key', async () => {
    const store = createKeychainSecretStore(service)
    expect(await store.probe()).toBeNull()
    expect(await store.get('profile:a')).toBeNull()
    await store.set('profile:a', 'first-key')
    await store.set('profile:a', 'second-key')
    expect(await store.get('profile:a')).toBe('second-key')
    expect(await store.delete('profile:a')).toBe(true)
    expect(await store.get('profile:a')).toBeNull()
    expect(await store.delete('profile:a')).toBe(false)
  })

  it('never lets a key set through the contract reach a file, a log line or a response', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'promptlabel-secret-'))
    const logger = createSilentLogger()
    const key = `rf_live_${Math.random().toString(36).slice(2)}`
    const services = createServices({
      transport: 'in-process',
      appVersion: 'test',
      dataDir,
      secretStore: createKeychainSecretStore(service),
      imageUrl: (id) => `/image/${id}`,
      pickImages: async () => [],
      logger,
    })
    const draft = { name: 'Hosted', kind: 'hosted', baseUrls: ['http://127.0.0.1:1'] } as const
    const responses = [
      await services.invoke('profile.save', { profile: draft, activate: true }),
      await services.invoke('secret.set', { profileId: 'local', apiKey: key }),
      await services.invoke('profile.list', {}),
      await services.invoke('connection.test', {}),
      await services.invoke('connection.test', { profileId: 'local', draft }),
      await services.invoke('profile.duplicate', { id: 'local' }),
      await services.invoke('secret.set', { profileId: 'local', apiKey: `${key}-2`, extra: key }),
    ]
    expect(responses[1]).toMatchObject({ ok: true })
    const listed = responses[2] as { ok: true; value: ProfilesState }
    expect(listed.value.profiles.find((p) => p.id === 'local')).toMatchObject({
      hasApiKey: true,
      keyStorage: 'keychain',
    })
    expect(await createKeychainSecretStore(service).get('profile:local')).toBe(key)
    for (const response of responses) expect(JSON.stringify(response)).not.toContain(key)
    expect(logger.lines.join('\n')).not.toContain(key)
    for (const file of await readdir(dataDir, { recursive: true })) {
      const text = await readFile(join(dataDir, file), 'utf8').catch(() => '')
      expect(text).not.toContain(key)
    }
    const copy = (responses[5] as { ok: true; value: ProfilesState }).value.profiles[1]!
    expect(copy).toMatchObject({ hasApiKey: true, keyStorage: 'keychain' })
    await services.invoke('secret.clear', { profileId: 'local' })
    expect(await createKeychainSecretStore(service).get('profile:local')).toBeNull()
    // Deleting a profile deletes its keychain entry too.
    await services.invoke('profile.delete', { id: copy.id })
    expect(await createKeychainSecretStore(service).get(`profile:${copy.id}`)).toBeNull()
    await services.close()
  })

  it('explains in plain words when no session bus exists (checked in a child process: D-Bus is cached per process)', async () => {
    const script = `
      import { AsyncEntry } from '@napi-rs/keyring'
      try { await new AsyncEntry('x', 'y', { linux: { store: 'secret-service' } }).getPassword(); console.log('USABLE') }
      catch (error) { console.log(error.message) }`
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' }
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env,
      cwd: process.cwd(),
    })
    expect(stdout).not.toContain('USABLE')
    expect(describeKeychainFailure(new Error(stdout))).toBe(
      'No desktop session bus is running, so the system keychain cannot be reached.',
    )
  })
})
