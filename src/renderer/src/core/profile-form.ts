import {
  profileFields,
  type Profile,
  type ProfileInput,
  type ProfileKind,
  type ProfileView,
} from '../../../shared/profile'

/** The profile editor's fields as typed: text, in the units the user thinks in (seconds, MB). */
export interface ProfileForm {
  name: string
  kind: ProfileKind
  /** One URL per line. */
  urls: string
  requestTimeoutS: string
  connectTimeoutS: string
  concurrency: string
  maxUploadSide: string
  maxUploadMb: string
  keyTransport: Profile['keyTransport']
  owlv2VersionId: string
  moondreamModelId: string
}

export type ProfileFormField = keyof ProfileForm
export type ProfileFormErrors = Partial<Record<ProfileFormField, string>>

/** Upload limits are decimal megabytes, as Roboflow states them (5 MB v1, 20 MB v2). */
const BYTES_PER_MB = 1_000_000

const trimNumber = (n: number): string => String(Math.round(n * 1000) / 1000)

/** Fills the form from a stored profile, or from a template (its missing fields take the defaults). */
export function formFromProfile(profile: ProfileInput | Profile): ProfileForm {
  const input = 'id' in profile ? fieldsOf(profile) : profile
  const parsed = profileFields.safeParse(input)
  const p = parsed.success ? parsed.data : profileFields.parse(withFallbackUrl(input))
  return {
    name: input.name,
    kind: input.kind,
    urls: input.baseUrls.join('\n'),
    requestTimeoutS: trimNumber(p.requestTimeoutMs / 1000),
    connectTimeoutS: trimNumber(p.connectTimeoutMs / 1000),
    concurrency: String(p.maxConcurrency),
    maxUploadSide: String(p.maxUploadSide),
    maxUploadMb: trimNumber(p.maxUploadBytes / BYTES_PER_MB),
    keyTransport: p.keyTransport,
    owlv2VersionId: p.defaults.owlv2VersionId,
    moondreamModelId: p.defaults.moondreamModelId,
  }
}

/** Templates may hold a URL still to be completed ("https://"): default the rest without it. */
function withFallbackUrl(input: ProfileInput): ProfileInput {
  return { ...input, name: input.name || 'x', baseUrls: ['http://localhost'] }
}

/** A number field of the form, with its range in the units shown. */
export interface NumberRule {
  field: 'requestTimeoutS' | 'connectTimeoutS' | 'concurrency' | 'maxUploadSide' | 'maxUploadMb'
  label: string
  min: number
  max: number
  integer?: boolean
  unit: string
  hint: string
  /** Suffix of the `profile.field.*` test id. */
  testid: string
}

export const NUMBER_RULES: readonly NumberRule[] = [
  {
    field: 'requestTimeoutS',
    label: 'Request timeout',
    min: 1,
    max: 1800,
    unit: 's',
    hint: 'A model’s first run is slow.',
    testid: 'request-timeout',
  },
  {
    field: 'connectTimeoutS',
    label: 'Connect timeout',
    min: 0.5,
    max: 120,
    unit: 's',
    hint: 'Also bounds Test connection.',
    testid: 'connect-timeout',
  },
  {
    field: 'concurrency',
    label: 'Parallel requests',
    min: 1,
    max: 64,
    integer: true,
    unit: '',
    hint: 'Per server, for batches.',
    testid: 'concurrency',
  },
  {
    field: 'maxUploadSide',
    label: 'Max upload side',
    min: 0,
    max: 20_000,
    integer: true,
    unit: 'px',
    hint: '0 sends the full image.',
    testid: 'max-upload-side',
  },
  {
    field: 'maxUploadMb',
    label: 'Max upload size',
    min: 0,
    max: 1000,
    unit: 'MB',
    hint: '0 = none; hosted: 5 or 20.',
    testid: 'max-upload-bytes',
  },
]

function readNumber(text: string, rule: NumberRule): number | string {
  const value = Number(text.trim().replace(',', '.'))
  if (text.trim() === '' || !Number.isFinite(value)) return 'Enter a number'
  if (rule.integer && !Number.isInteger(value)) return 'Enter a whole number'
  if (value < rule.min || value > rule.max) {
    const unit = rule.unit === '' ? '' : ` ${rule.unit}`
    return `Between ${rule.min}${unit} and ${rule.max}${unit}`
  }
  return value
}

/** Maps a schema issue's path (within the profile fields) to the form field that shows it. */
export function fieldOf(path: readonly PropertyKey[]): ProfileFormField {
  const [head, index] = path
  if (head === 'baseUrls') return 'urls'
  if (head === 'defaults')
    return index === 'moondreamModelId' ? 'moondreamModelId' : 'owlv2VersionId'
  if (head === 'name' || head === 'kind' || head === 'keyTransport') return head
  return 'name'
}

/** Validates the form with the same schema main uses; gives the profile fields or per-field messages. */
export function readProfileForm(form: ProfileForm): {
  fields: ProfileInput | null
  errors: ProfileFormErrors
} {
  const errors: ProfileFormErrors = {}
  const numbers = new Map<ProfileFormField, number>()
  for (const rule of NUMBER_RULES) {
    const read = readNumber(form[rule.field], rule)
    if (typeof read === 'string') errors[rule.field] = read
    else numbers.set(rule.field, read)
  }
  const urls = form.urls
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const candidate: ProfileInput = {
    name: form.name,
    kind: form.kind,
    baseUrls: urls,
    requestTimeoutMs: Math.round((numbers.get('requestTimeoutS') ?? 120) * 1000),
    connectTimeoutMs: Math.round((numbers.get('connectTimeoutS') ?? 10) * 1000),
    maxConcurrency: numbers.get('concurrency') ?? 4,
    maxUploadSide: numbers.get('maxUploadSide') ?? 0,
    maxUploadBytes: Math.round((numbers.get('maxUploadMb') ?? 0) * BYTES_PER_MB),
    keyTransport: form.keyTransport,
    defaults: { owlv2VersionId: form.owlv2VersionId, moondreamModelId: form.moondreamModelId },
  }
  const parsed = profileFields.safeParse(candidate)
  if (!parsed.success) {
    // On one value, a later check is the more specific one ("no key in the URL" over "not a URL").
    const byPath = new Map<string, (typeof parsed.error.issues)[number]>()
    for (const issue of parsed.error.issues) byPath.set(issue.path.join('.'), issue)
    for (const issue of byPath.values()) {
      const field = fieldOf(issue.path)
      const line =
        issue.path[0] === 'baseUrls' && typeof issue.path[1] === 'number' && urls.length > 1
      const message = line ? `Line ${Number(issue.path[1]) + 1}: ${issue.message}` : issue.message
      errors[field] ??=
        field === 'owlv2VersionId' || field === 'moondreamModelId' ? 'Enter a model id' : message
    }
  }
  return { fields: Object.keys(errors).length === 0 ? candidate : null, errors }
}

/** The stored fields of a listed profile, ready to send back with `profile.save`. */
export function fieldsOf(profile: ProfileView | Profile): ProfileInput {
  const { id: _id, hasApiKey: _has, keyStorage: _storage, ...fields } = profile as ProfileView
  return { ...fields, baseUrls: [...fields.baseUrls], defaults: { ...fields.defaults } }
}

/** True when the typed form differs from what it was filled from. */
export function formChanged(a: ProfileForm, b: ProfileForm): boolean {
  return (Object.keys(a) as ProfileFormField[]).some((k) => a[k] !== b[k])
}
