import { posix, win32 } from 'node:path'
import {
  profileTemplate,
  type ProfileInput,
  type ProfileKind,
  type ProfileView,
} from '../shared/profile'
import { FatalError } from './errors'

export const APP_FOLDER = 'Promptlabel'
export const TEMPORARY_PROFILE_NAME = 'Command line (temporary)'

type Env = Readonly<Record<string, string | undefined>>

/** The folder Electron's `app.getPath('userData')` gives the app, so the CLI reads the app's profiles. */
export function defaultDataDir(platform: NodeJS.Platform, env: Env, home: string): string {
  if (platform === 'win32') {
    return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), APP_FOLDER)
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER)
  return posix.join(env['XDG_CONFIG_HOME'] || posix.join(home, '.config'), APP_FOLDER)
}

/** --data-dir wins, then PROMPTLABEL_DATA_DIR, then the platform's default. */
export function resolveDataDir(
  flag: string | undefined,
  env: Env,
  platform: NodeJS.Platform,
  home: string,
): string {
  return flag || env['PROMPTLABEL_DATA_DIR'] || defaultDataDir(platform, env, home)
}

/** Finds a saved profile by exact name, then id, then name ignoring case; never guesses between two. */
export function findProfile(profiles: ProfileView[], wanted: string): ProfileView {
  const tiers = [
    profiles.filter((p) => p.name === wanted),
    profiles.filter((p) => p.id === wanted),
    profiles.filter((p) => p.name.toLowerCase() === wanted.trim().toLowerCase()),
  ]
  for (const matches of tiers) {
    if (matches.length === 1) return matches[0] as ProfileView
    if (matches.length > 1) {
      throw new FatalError(`Several saved profiles are named "${wanted}".`, {
        hint: `Pass the profile's id instead: ${matches.map((p) => p.id).join(', ')}.`,
      })
    }
  }
  const names = profiles.map((p) => `"${p.name}"`).join(', ')
  throw new FatalError(`No saved profile is named "${wanted}".`, {
    hint: names === '' ? 'The app has no saved profiles.' : `Saved profiles: ${names}.`,
  })
}

/** A kind for a bare URL, so the temporary profile gets that kind's sensible limits. */
export function guessProfileKind(url: string): ProfileKind {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return 'dedicated'
  }
  if (host === 'localhost' || host === '[::1]' || /^127\./.test(host)) return 'local'
  if (host.endsWith('.roboflow.com')) return 'hosted'
  return 'dedicated'
}

/** The profile behind --server: the first URL's kind template, with every URL given. */
export function temporaryProfile(servers: string[]): ProfileInput {
  const kind = guessProfileKind(servers[0] ?? '')
  return { ...profileTemplate(kind), name: TEMPORARY_PROFILE_NAME, baseUrls: servers }
}
