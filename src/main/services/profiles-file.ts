import { z } from 'zod'
import { isAppError } from '../../shared/errors'
import { defaultLocalProfile, storedProfile } from '../../shared/profile'
import { readJsonValidated } from './storage/atomic-file'

export const PROFILES_FORMAT_VERSION = 1

/** Profiles written before multi-server support had one `baseUrl`; read them as a one-item list. */
const upgradedProfile = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
  const { baseUrl, ...rest } = raw as Record<string, unknown>
  if (typeof baseUrl !== 'string' || 'baseUrls' in rest) return raw
  return { ...rest, baseUrls: [baseUrl] }
}, storedProfile)

const fileSchema = z
  .strictObject({
    formatVersion: z.literal(PROFILES_FORMAT_VERSION),
    activeProfileId: z.string(),
    profiles: z.array(upgradedProfile).min(1),
  })
  .refine((file) => new Set(file.profiles.map((p) => p.id)).size === file.profiles.length, {
    message: 'two profiles share one id',
    path: ['profiles'],
  })

export type ProfilesFile = z.output<typeof fileSchema>

/** Only the version is checked first, so a newer file is recognised even when its shape changed. */
const anyVersion = z.looseObject({ formatVersion: z.number().int().min(1) })

export function defaultProfilesFile(): ProfilesFile {
  const local = defaultLocalProfile()
  return { formatVersion: PROFILES_FORMAT_VERSION, activeProfileId: local.id, profiles: [local] }
}

/**
 * Reads profiles.json. A missing file means first start; a file that cannot be used gives the defaults
 * plus a plain `problem`, and the caller must then leave the file exactly as it is.
 */
export async function readProfilesFile(
  path: string,
): Promise<{ file: ProfilesFile; problem: string | null }> {
  const fallback = (problem: string) => ({
    file: defaultProfilesFile(),
    problem: `${problem} The default profile is used for now.`,
  })
  let raw: z.output<typeof anyVersion> | null
  try {
    raw = await readJsonValidated(path, anyVersion, 'profiles')
  } catch (error) {
    if (isAppError(error)) return fallback(error.message)
    throw error
  }
  if (raw === null) return { file: defaultProfilesFile(), problem: null }
  if (raw.formatVersion > PROFILES_FORMAT_VERSION) {
    return fallback(
      `The profiles file ${path} was written by a newer version of Promptlabel; it was left as it is.`,
    )
  }
  const parsed = fileSchema.safeParse(raw)
  if (parsed.success) return { file: parsed.data, problem: null }
  const issue = parsed.error.issues[0]
  const where = issue?.path.map(String).join('.') ?? ''
  return fallback(
    `The profiles file ${path} is not in the expected form (${where}: ${issue?.message ?? 'invalid'}); it was left as it is.`,
  )
}

/** "Name copy", then "Name copy 2", … : the first that no other profile uses, within 100 characters. */
export function copyName(name: string, taken: readonly string[]): string {
  const used = new Set(taken)
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' copy' : ` copy ${n}`
    const candidate = `${name.slice(0, 100 - suffix.length).trimEnd()}${suffix}`
    if (!used.has(candidate)) return candidate
  }
}
