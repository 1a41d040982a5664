import { afterEach, describe, expect, it } from 'vitest'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ProfileState } from '../../../src/renderer/src/state/profile-state.svelte'
import type { ConnectionReport } from '../../../src/shared/contract'
import { startEmulator } from '../../support/emulator'
import { realProfiles as sharedRealProfiles } from './real-profiles'
import { createFakeApi, ok, profilesState, profileView } from './fake-api'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const realProfiles = () => sharedRealProfiles(cleanups, 'profile-state')

describe('ProfileState: top bar', () => {
  it('saves the URL field as the active profile’s first server and keeps the others', async () => {
    const { api, calls } = createFakeApi({
      'profile.list': () =>
        ok(profilesState([profileView({ baseUrls: ['http://a:9001', 'http://b:9001'] })])),
      'profile.save': () => ok(profilesState()),
    })
    const profiles = new ProfileState(api, new ErrorState())
    await profiles.load()
    profiles.urlDraft = ' http://c:9001 '
    await profiles.saveUrl()
    expect(calls.at(-1)).toMatchObject({
      channel: 'profile.save',
      input: { id: 'local', profile: { baseUrls: ['http://c:9001', 'http://b:9001'] } },
    })
    expect(profiles.savedNote).toBe('Saved')
  })

  it('switching the active profile shows its URL and forgets the last test', async () => {
    const { profiles, editor } = await realProfiles()
    editor.show()
    editor.startNew('local')
    editor.form.name = 'GPU box'
    editor.form.urls = 'http://gpu-box:9001'
    await editor.save()
    const id = editor.editingId ?? ''
    profiles.report = { ...profilesReport(), message: 'old' }
    await profiles.activate(id)
    expect(profiles.active?.name).toBe('GPU box')
    expect(profiles.urlDraft).toBe('http://gpu-box:9001')
    expect(profiles.report).toBeNull()
  })
})

describe('ProfileEditorState', () => {
  it('an edit of the active profile in the dialog shows in the top bar URL field', async () => {
    const { profiles, editor } = await realProfiles()
    editor.show()
    editor.form.urls = 'http://edited:9001/'
    await editor.save()
    expect(profiles.urlDraft).toBe('http://edited:9001')
    expect(editor.form.urls).toBe('http://edited:9001')
  })

  it('creates a profile from a template with its key, then duplicates and deletes it', async () => {
    const { profiles, editor } = await realProfiles()
    editor.show()
    editor.startNew('hosted')
    expect(editor.form).toMatchObject({ name: 'Roboflow hosted API', maxUploadMb: '20' })
    editor.keyDraft = 'rf_NEW_KEY'
    await editor.save()
    expect(editor.error).toBeNull()
    expect(editor.editing).toMatchObject({ name: 'Roboflow hosted API', hasApiKey: true })
    expect(editor.editing?.maxUploadBytes).toBe(20_000_000)
    expect(JSON.stringify(profiles.list)).not.toContain('rf_NEW_KEY')

    await editor.duplicate()
    expect(editor.editing).toMatchObject({ name: 'Roboflow hosted API copy', hasApiKey: true })
    await editor.remove()
    expect(profiles.list?.profiles.map((p) => p.name)).toEqual([
      'Local Inference server',
      'Roboflow hosted API',
    ])
  })

  it('shows field messages only after a save was tried, and sends nothing invalid', async () => {
    const { editor, profiles } = await realProfiles()
    editor.show()
    editor.startNew('dedicated')
    editor.form.requestTimeoutS = 'soon'
    expect(editor.errors).toEqual({})
    await editor.save()
    expect(editor.errors).toMatchObject({
      urls: 'Enter the server’s full address, starting with http:// or https://',
      requestTimeoutS: 'Enter a number',
    })
    expect(profiles.list?.profiles).toHaveLength(1)
  })

  it('tests the draft as typed, with the saved key of the profile it edits', async () => {
    const emulator = await startEmulator({ apiKey: 'the-right-key' })
    cleanups.push(() => emulator.close())
    const { editor } = await realProfiles()
    editor.show()
    editor.keyDraft = 'the-right-key'
    await editor.setKey()
    editor.form.urls = emulator.url
    await editor.test()
    expect(editor.report).toMatchObject({ reachable: true, key: 'accepted' })
    expect(editor.dirty).toBe(true)
  })

  it('keeps the last profile and says why it cannot be deleted', async () => {
    const { editor } = await realProfiles()
    editor.show()
    await editor.remove()
    expect(editor.error?.message).toBe('The last profile cannot be deleted.')
  })
})

function profilesReport(): ConnectionReport {
  const unknown = 'unknown' as const
  return {
    reachable: true,
    serverName: null,
    version: null,
    healthy: null,
    routes: { groundingDino: unknown, owlv2: unknown, moondream2: unknown, hostedModels: unknown },
    key: unknown,
    findings: [],
    message: '',
    url: 'http://localhost:9001',
  }
}
