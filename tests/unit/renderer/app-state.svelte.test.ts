import { describe, expect, it, vi } from 'vitest'
import { AppState } from '../../../src/renderer/src/state/app-state.svelte'
import { createFakeApi, ok, profilesState, profileView } from './fake-api'

describe('AppState: profiles', () => {
  it('loads the profiles on start and shows the active one’s URL in the field', async () => {
    const { api, calls } = createFakeApi({ 'profile.list': () => ok(profilesState()) })
    const app = new AppState(api)
    const stop = app.start()
    await vi.waitFor(() => expect(app.profiles.list).not.toBeNull())
    expect(calls[0]?.channel).toBe('profile.list')
    expect(app.profiles.urlDraft).toBe('http://localhost:9001')
    expect(app.profiles.keyStatus).toBe('No key set')
    stop()
  })

  it('keeps a URL the user typed while the profiles were still loading', async () => {
    const { api } = createFakeApi({ 'profile.list': () => ok(profilesState()) })
    const app = new AppState(api)
    const loading = app.profiles.load()
    app.profiles.urlDraft = 'http://gpu-box:9001'
    await loading
    expect(app.profiles.urlDraft).toBe('http://gpu-box:9001')
  })

  it('clears the typed key once main has stored it for the active profile, and says where', async () => {
    const { api, calls } = createFakeApi({
      'profile.list': () => ok(profilesState()),
      'secret.set': () =>
        ok(profilesState([profileView({ hasApiKey: true, keyStorage: 'session' })])),
    })
    const app = new AppState(api)
    await app.profiles.load()
    app.profiles.keyDraft = ' secret '
    await app.profiles.setKey(true)
    expect(calls.at(-1)).toEqual({
      channel: 'secret.set',
      input: { profileId: 'local', apiKey: 'secret', sessionOnly: true },
    })
    expect(app.profiles.keyDraft).toBe('')
    expect(app.profiles.keyStatus).toBe('Key set (this session only)')
  })

  it('keeps the typed key and shows the error when the keychain refuses it', async () => {
    const { api } = createFakeApi({
      'profile.list': () => ok(profilesState()),
      'secret.set': () => ({
        ok: false,
        error: { code: 'keychain-unavailable', message: 'No Secret Service' },
      }),
    })
    const app = new AppState(api)
    await app.profiles.load()
    app.profiles.keyDraft = 'secret'
    await app.profiles.setKey()
    expect(app.profiles.keyDraft).toBe('secret')
    expect(app.errors.current?.code).toBe('keychain-unavailable')
  })
})
