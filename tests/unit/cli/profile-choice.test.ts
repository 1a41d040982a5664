import { describe, expect, it } from 'vitest'
import {
  defaultDataDir,
  findProfile,
  guessProfileKind,
  resolveDataDir,
  temporaryProfile,
} from '../../../src/cli/profile-choice'
import { profileFields, type ProfileView } from '../../../src/shared/profile'

const view = (id: string, name: string): ProfileView => ({
  ...profileFields.parse({ name, kind: 'local', baseUrls: ['http://localhost:9001'] }),
  id,
  hasApiKey: false,
  keyStorage: 'none',
})

describe('data folder', () => {
  it("matches Electron's userData folder on each platform", () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Promptlabel')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe(
      '/xdg/Promptlabel',
    )
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Promptlabel',
    )
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana'),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Promptlabel')
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Promptlabel',
    )
  })

  it('lets --data-dir win over PROMPTLABEL_DATA_DIR, which wins over the default', () => {
    const env = { PROMPTLABEL_DATA_DIR: '/env-dir' }
    expect(resolveDataDir('/flag-dir', env, 'linux', '/h')).toBe('/flag-dir')
    expect(resolveDataDir(undefined, env, 'linux', '/h')).toBe('/env-dir')
    expect(resolveDataDir(undefined, {}, 'linux', '/h')).toBe('/h/.config/Promptlabel')
  })
})

describe('choosing a saved profile', () => {
  const profiles = [
    view('local', 'Local Inference server'),
    view('p2', 'Lab'),
    view('p3', 'lab gpu'),
  ]

  it('finds by exact name, then id, then name ignoring case', () => {
    expect(findProfile(profiles, 'Lab').id).toBe('p2')
    expect(findProfile(profiles, 'p3').id).toBe('p3')
    expect(findProfile(profiles, 'LAB GPU').id).toBe('p3')
  })

  it('lists the saved names when none matches', () => {
    expect(() => findProfile(profiles, 'Cloud')).toThrow('No saved profile is named "Cloud".')
    try {
      findProfile(profiles, 'Cloud')
    } catch (error) {
      expect((error as { hint: string }).hint).toBe(
        'Saved profiles: "Local Inference server", "Lab", "lab gpu".',
      )
    }
  })

  it('never guesses between two profiles with the same name', () => {
    expect(() => findProfile([view('a', 'Twin'), view('b', 'Twin')], 'Twin')).toThrow(
      'Several saved profiles are named "Twin".',
    )
  })
})

describe('the temporary --server profile', () => {
  it('guesses the kind from the address', () => {
    expect(guessProfileKind('http://localhost:9001')).toBe('local')
    expect(guessProfileKind('http://127.0.0.1:9001')).toBe('local')
    expect(guessProfileKind('https://serverless.roboflow.com')).toBe('hosted')
    expect(guessProfileKind('https://my-deploy.roboflow.cloud')).toBe('dedicated')
    expect(guessProfileKind('not a url')).toBe('dedicated')
  })

  it("takes the kind's template with every server given", () => {
    const profile = temporaryProfile([
      'https://serverless.roboflow.com',
      'https://detect.roboflow.com',
    ])
    expect(profile).toMatchObject({
      name: 'Command line (temporary)',
      kind: 'hosted',
      baseUrls: ['https://serverless.roboflow.com', 'https://detect.roboflow.com'],
      maxUploadBytes: 20_000_000,
    })
    expect(profileFields.safeParse(profile).success).toBe(true)
  })
})
