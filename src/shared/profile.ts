import { z } from 'zod'

export const PROFILE_KINDS = ['local', 'dedicated', 'hosted'] as const
export type ProfileKind = (typeof PROFILE_KINDS)[number]

/** A server's base address: http(s), a host, an optional path prefix; stored without a trailing slash. */
export const serverUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (s) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(s),
    'Enter the server’s full address, starting with http:// or https://',
  )
  .refine((s) => !/[?&]api_key=/i.test(s), 'Put the API key in the key field, not in the URL')
  .transform((s) => s.replace(/\/+$/, ''))

/** A deployment profile as stored and as edited; the API key is never part of it. */
export const profileFields = z.strictObject({
  name: z.string().trim().min(1, 'Give the profile a name').max(100),
  kind: z.enum(PROFILE_KINDS),
  /** One or more servers; batch runs spread requests across them. The first is used for single images. */
  baseUrls: z.array(serverUrl).min(1, 'Enter the server’s address').max(16),
  connectTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  /** Time allowed for an answer: a model's cold start can take tens of seconds (§6.9). */
  requestTimeoutMs: z.number().int().min(1_000).max(1_800_000).default(120_000),
  maxConcurrency: z.number().int().min(1).max(64).default(4),
  /** Longest side of uploaded images in pixels (the SDK also uses 1024; Grounding DINO works at 800); 0 sends the full image. */
  maxUploadSide: z.number().int().min(0).max(20_000).default(1024),
  /** Hosted request limits: 5 MB on v1, 20 MB on v2 (inference-api.md §3); 0 = no limit. */
  maxUploadBytes: z.number().int().min(0).max(1_000_000_000).default(0),
  /** `header` (Authorization: Bearer) needs a server >= 1.5 (§1.0). */
  keyTransport: z.enum(['query', 'body', 'header']).default('query'),
  defaults: z
    .strictObject({
      owlv2VersionId: z.string().trim().min(1).max(100).default('owlv2-large-patch14-ensemble'),
      moondreamModelId: z.string().trim().min(1).max(200).default('moondream2/moondream2-2b'),
    })
    .default({
      owlv2VersionId: 'owlv2-large-patch14-ensemble',
      moondreamModelId: 'moondream2/moondream2-2b',
    }),
})

export const storedProfile = profileFields.extend({ id: z.string().min(1).max(100) })
export type Profile = z.infer<typeof storedProfile>
export type ProfileInput = z.input<typeof profileFields>

/** A profile as the renderer sees it: the stored fields plus whether a key is set, never the key. */
export interface ProfileView extends Profile {
  hasApiKey: boolean
  keyStorage: 'keychain' | 'session' | 'none'
}

export interface ProfilesState {
  profiles: ProfileView[]
  activeId: string
  keychainProblem: string | null
  storageProblem: string | null
}

export type RouteState = 'available' | 'disabled' | 'unknown'
export type KeyState = 'accepted' | 'rejected' | 'missing' | 'not-required' | 'unknown'

export interface ConnectionReport {
  reachable: boolean
  serverName: string | null
  version: string | null
  healthy: boolean | null
  routes: {
    groundingDino: RouteState
    owlv2: RouteState
    moondream2: RouteState
    hostedModels: RouteState
  }
  key: KeyState
  /** One plain sentence per finding, in the order a user should read them. */
  findings: string[]
  message: string
  /** The address that was tested (the profile's first), so the verdict says which one it is about. */
  url: string
}

/** First-start profile: a local Inference server on its default port (inference-api.md §1). */
export function defaultLocalProfile(): Profile {
  return storedProfile.parse({
    id: 'local',
    name: 'Local Inference server',
    kind: 'local',
    baseUrls: ['http://localhost:9001'],
  })
}

/** Sensible starting values when the user picks a kind in the editor. */
export function profileTemplate(kind: ProfileKind): ProfileInput {
  switch (kind) {
    case 'local':
      return { name: 'Local Inference server', kind, baseUrls: ['http://localhost:9001'] }
    case 'dedicated':
      return { name: 'Dedicated Deployment', kind, baseUrls: ['https://'], keyTransport: 'query' }
    case 'hosted':
      return {
        name: 'Roboflow hosted API',
        kind,
        baseUrls: ['https://serverless.roboflow.com'],
        maxUploadBytes: 20_000_000,
        maxConcurrency: 4,
      }
  }
}
