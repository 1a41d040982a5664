import { afterEach, describe, expect, it } from 'vitest'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ProfileState } from '../../../src/renderer/src/state/profile-state.svelte'
import { startEmulator } from '../../support/emulator'
import { realProfiles as sharedRealProfiles } from './real-profiles'
import { createFakeApi, ok, profilesState } from './fake-api'

const NO_SCHEME = 'Enter the server’s full address, starting with http:// or https://'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const realProfiles = () => sharedRealProfiles(cleanups, 'server-url')

describe('the top bar’s server address', () => {
  it('refuses “localhost:9101” at the field, in words, and saves the one-click fix', async () => {
    const { profiles, errors } = await realProfiles()
    profiles.urlDraft = 'localhost:9101'
    expect(profiles.urlProblem).toBeNull()
    await profiles.saveUrl()
    expect(profiles.urlProblem).toEqual({ message: NO_SCHEME, fix: 'http://localhost:9101' })
    expect(errors.current).toBeNull()
    expect(profiles.active?.baseUrls).toEqual(['http://localhost:9001'])

    profiles.useUrlFix()
    expect(profiles.urlDraft).toBe('http://localhost:9101')
    expect(profiles.urlProblem).toBeNull()
    await profiles.saveUrl()
    expect(profiles.active?.baseUrls).toEqual(['http://localhost:9101'])
    expect(profiles.savedNote).toBe('Saved')
  })

  it('tests the address the field shows, saved or not, and the verdict names it', async () => {
    const emulator = await startEmulator()
    cleanups.push(() => emulator.close())
    const { profiles } = await realProfiles()
    profiles.urlDraft = emulator.url
    await profiles.test()
    // The saved address (localhost:9001) has no server; the typed one has.
    expect(profiles.report).toMatchObject({ reachable: true, url: emulator.url })
    expect(profiles.active?.baseUrls).toEqual(['http://localhost:9001'])

    // An address that cannot be tested is refused at the field, and nothing is tested.
    profiles.urlDraft = 'localhost:9101'
    await profiles.test()
    expect(profiles.report).toBeNull()
    expect(profiles.urlProblem?.message).toBe(NO_SCHEME)
  })

  it('puts a refusal from main about the address at the field, not in the error bar', async () => {
    const refusal = {
      code: 'invalid-input' as const,
      message: 'Server address: not allowed here',
      field: ['profile', 'baseUrls', 0],
    }
    const { api } = createFakeApi({
      'profile.list': () => ok(profilesState()),
      'profile.save': () => ({ ok: false, error: refusal }),
    })
    const errors = new ErrorState()
    const profiles = new ProfileState(api, errors)
    await profiles.load()
    profiles.urlDraft = 'http://gpu-box:9001'
    await profiles.saveUrl()
    expect(profiles.urlProblem).toEqual({ message: 'Server address: not allowed here', fix: null })
    expect(errors.current).toBeNull()
    // Typed again, the address is no longer the one refused.
    profiles.urlDraft = 'http://gpu-box:9002'
    expect(profiles.urlProblem).toBeNull()
  })
})

describe('the profile editor’s server addresses', () => {
  it('offers “Use http://localhost:9101” at the field and creates the profile with it', async () => {
    const { editor, profiles } = await realProfiles()
    editor.show()
    editor.startNew('local')
    editor.form.name = 'Port 9101'
    editor.form.urls = 'localhost:9101'
    await editor.save()
    expect(editor.errors.urls).toBe(NO_SCHEME)
    expect(editor.urlFix?.label).toBe('Use http://localhost:9101')
    editor.useUrlFix()
    expect(editor.form.urls).toBe('http://localhost:9101')
    expect(editor.urlFix).toBeNull()
    await editor.save()
    expect(editor.editing).toMatchObject({ name: 'Port 9101', baseUrls: ['http://localhost:9101'] })
    expect(profiles.list?.profiles).toHaveLength(2)
  })

  it('shows a field main refused at that field, in its words', async () => {
    const { api } = createFakeApi({
      'profile.list': () => ok(profilesState()),
      'profile.save': () => ({
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'Name: already taken',
          field: ['profile', 'name'],
        },
      }),
    })
    const profiles = new ProfileState(api, new ErrorState())
    await profiles.load()
    const editor = profiles.editor
    editor.show()
    await editor.save()
    expect(editor.errors.name).toBe('Name: already taken')
    expect(editor.error).toBeNull()
    editor.form.name = 'Another name'
    expect(editor.errors.name).toBeUndefined()
  })
})
