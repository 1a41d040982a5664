import type { RouteHandler } from './context'
import type { ResolvedOptions } from './options'
import { groundingDinoRoute } from './routes/grounding-dino'
import { legacyRoute } from './routes/legacy'
import { lmmRoute } from './routes/lmm'
import { objectDetectionRoute } from './routes/object-detection'
import { owlv2Route } from './routes/owlv2'
import {
  healthzRoute,
  infoRoute,
  modelAddRoute,
  modelClearRoute,
  modelRemoveRoute,
  openApiRoute,
  readinessRoute,
  registryRoute,
} from './routes/server-info'
import { HttpError } from './errors'

export interface MatchedRoute {
  /** Path template, used as the key in stats. */
  name: string
  handler: RouteHandler
  /** Inference routes take faults, slots and in-flight counting. */
  inference: boolean
  body: 'json' | 'legacy' | 'none'
  params: Record<string, string>
}

interface RouteSpec {
  method: 'GET' | 'POST'
  path: string
  handler: RouteHandler
  inference?: boolean
  enabled?: (options: ResolvedOptions) => boolean
}

const LMM_PREFIX = '/infer/lmm/'

const ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/info', handler: infoRoute },
  { method: 'GET', path: '/healthz', handler: healthzRoute },
  { method: 'GET', path: '/readiness', handler: readinessRoute },
  { method: 'GET', path: '/model/registry', handler: registryRoute },
  { method: 'POST', path: '/model/add', handler: modelAddRoute },
  { method: 'POST', path: '/model/remove', handler: modelRemoveRoute },
  { method: 'POST', path: '/model/clear', handler: modelClearRoute },
  {
    method: 'POST',
    path: '/infer/object_detection',
    handler: objectDetectionRoute,
    inference: true,
  },
  { method: 'POST', path: '/grounding_dino/infer', handler: groundingDinoRoute, inference: true },
  {
    method: 'POST',
    path: '/owlv2/infer',
    handler: owlv2Route,
    inference: true,
    enabled: (o) => o.owlv2Enabled,
  },
  {
    method: 'POST',
    path: '/infer/lmm',
    handler: lmmRoute,
    inference: true,
    enabled: (o) => o.lmmEnabled,
  },
]

function enabledPaths(options: ResolvedOptions): Record<string, string[]> {
  const paths: Record<string, string[]> = { '/openapi.json': ['GET'] }
  for (const route of ROUTES.filter((r) => r.enabled?.(options) ?? true))
    (paths[route.path] ??= []).push(route.method)
  if (options.lmmEnabled) paths['/infer/lmm/{model_id}'] = ['POST']
  paths['/{dataset_id}/{version_id}'] = ['GET', 'POST']
  return paths
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

const notFound: RouteHandler = async () => {
  throw new HttpError(404, { detail: 'Not Found' })
}

const methodNotAllowed: RouteHandler = async () => {
  throw new HttpError(405, { detail: 'Method Not Allowed' })
}

/** Starlette's order (§1): exact routes, the legacy catch-all for two segments, then the static mount (GET 404, else 405). */
export function matchRoute(method: string, path: string, options: ResolvedOptions): MatchedRoute {
  const none = { inference: false, body: 'none' as const, params: {} }
  if (method === 'GET' && path === '/openapi.json')
    return { ...none, name: path, handler: openApiRoute(enabledPaths(options)) }
  const exact = ROUTES.find(
    (r) => r.method === method && r.path === path && (r.enabled?.(options) ?? true),
  )
  if (exact)
    return {
      name: exact.path,
      handler: exact.handler,
      inference: exact.inference ?? false,
      body: exact.method === 'POST' ? 'json' : 'none',
      params: {},
    }
  if (
    method === 'POST' &&
    options.lmmEnabled &&
    path.startsWith(LMM_PREFIX) &&
    path.length > LMM_PREFIX.length
  ) {
    const modelId = safeDecode(path.slice(LMM_PREFIX.length))
    return {
      name: '/infer/lmm/{model_id}',
      handler: lmmRoute,
      inference: true,
      body: 'json',
      params: { model_id: modelId },
    }
  }
  const segments = path.split('/').slice(1)
  if ((method === 'GET' || method === 'POST') && segments.length === 2 && segments.every(Boolean)) {
    const [datasetId, versionId] = segments.map(safeDecode) as [string, string]
    return {
      name: '/{dataset_id}/{version_id}',
      handler: legacyRoute,
      inference: true,
      body: 'legacy',
      params: { dataset_id: datasetId, version_id: versionId },
    }
  }
  const fallback = method === 'GET' || method === 'HEAD' ? notFound : methodNotAllowed
  return { ...none, name: '(static)', handler: fallback }
}
