import { COLOUR_NAMES } from './palette'

/** Probabilities (0..1) of each injected fault, drawn once per inference request. */
export interface FaultRates {
  error500?: number
  busy503?: number
  hang?: number
  reset?: number
}

export type FaultKind = keyof FaultRates

export const FAULT_KINDS: FaultKind[] = ['error500', 'busy503', 'hang', 'reset']

export interface LegacyModel {
  classes: string[]
}

export interface EmulatorOptions {
  /** Default 0 (ephemeral); the host is always 127.0.0.1. */
  port?: number
  /** Time one inference holds a slot, in ms. */
  serviceTimeMs?: number
  /** Parallel inference slots (the server's model lock). */
  slots?: number
  /** When set, inference routes require this key (400 missing / 401 wrong, §3). */
  apiKey?: string | null
  /** When false, /owlv2/infer falls into the legacy route like a disabled route (§1). */
  owlv2Enabled?: boolean
  lmmEnabled?: boolean
  faults?: FaultRates
  seed?: number
  version?: string
  /** How long a 'hang' fault holds the socket before destroying it. */
  hangMs?: number
  /** Hosted/custom models for /{project}/{version} and /infer/object_detection. */
  legacyModels?: Record<string, LegacyModel>
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'apiKey'>> & { apiKey: string | null }

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    serviceTimeMs: options.serviceTimeMs ?? 0,
    slots: Math.max(1, options.slots ?? 1),
    apiKey: options.apiKey ?? null,
    owlv2Enabled: options.owlv2Enabled ?? true,
    lmmEnabled: options.lmmEnabled ?? true,
    faults: { ...options.faults },
    seed: options.seed ?? 1,
    version: options.version ?? '1.5.0',
    hangMs: options.hangMs ?? 60_000,
    legacyModels: options.legacyModels ?? { 'shapes/1': { classes: [...COLOUR_NAMES] } },
  }
}

export interface RecordedRequest {
  route: string
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  query: Record<string, string>
  body: unknown
}

export interface EmulatorStats {
  /** Every HTTP request received. */
  requests: number
  /** Model runs that got through validation, key and model checks into a slot. */
  inferences: number
  /** Requests currently inside inference routes, including those queued for a slot. */
  inFlight: number
  /** Highest inFlight seen: proves how many requests a client had open at once. */
  maxInFlight: number
  /** Inferences currently holding a slot. */
  activeInferences: number
  /** Highest activeInferences seen: never above `slots`. */
  maxActiveInferences: number
  byRoute: Record<string, number>
  faultsInjected: Record<FaultKind, number>
  lastRequest: RecordedRequest | null
  /** The last 50 requests, oldest first. */
  recentRequests: RecordedRequest[]
  /** The last 50 bodies per route, oldest first. */
  bodiesByRoute: Record<string, unknown[]>
}

export const RECENT_LIMIT = 50

export function emptyStats(): EmulatorStats {
  return {
    requests: 0,
    inferences: 0,
    inFlight: 0,
    maxInFlight: 0,
    activeInferences: 0,
    maxActiveInferences: 0,
    byRoute: {},
    faultsInjected: { error500: 0, busy503: 0, hang: 0, reset: 0 },
    lastRequest: null,
    recentRequests: [],
    bodiesByRoute: {},
  }
}
