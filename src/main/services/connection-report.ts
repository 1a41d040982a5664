import type { ConnectionReport, KeyState } from '../../shared/profile'
import {
  answered,
  readKeyState,
  readRoutes,
  readServerInfo,
  record,
  versionAtLeast,
  type Answer,
  type Observations,
  type Routes,
} from './connection-readers'
import { serverMessage } from './inference/errors'

export type { Answer, Observations } from './connection-readers'

const ROUTE_FINDINGS: Record<keyof Routes, { label: string; disabled: string }> = {
  groundingDino: {
    label: 'Grounding DINO',
    disabled:
      'Grounding DINO is not enabled on this server (start it with CORE_MODEL_GROUNDINGDINO_ENABLED=true).',
  },
  owlv2: {
    label: 'OwlV2',
    disabled:
      'OwlV2 is not enabled on this server (start it with CORE_MODEL_OWLV2_ENABLED=true, as the official Docker images do).',
  },
  moondream2: {
    label: 'Moondream2',
    disabled:
      'Moondream2 is not enabled on this server (start it with MOONDREAM2_ENABLED=true or LMM_ENABLED=true).',
  },
  hostedModels: {
    label: 'Roboflow-trained models',
    disabled:
      'Roboflow-trained models (/{dataset_id}/{version_id}) are not served here (LEGACY_ROUTE_ENABLED is off).',
  },
}

function routeFindings(routes: Routes): string[] {
  const keys = Object.keys(routes) as (keyof Routes)[]
  if (keys.every((k) => routes[k] === 'unknown')) {
    return [
      'The server does not publish its route list (/openapi.json), so which models it offers shows only when you run one.',
    ]
  }
  const available = keys
    .filter((k) => routes[k] === 'available')
    .map((k) => ROUTE_FINDINGS[k].label)
  const out = keys.filter((k) => routes[k] === 'disabled').map((k) => ROUTE_FINDINGS[k].disabled)
  if (available.length > 0) out.unshift(`Available here: ${available.join(', ')}.`)
  return out
}

function keyFindings(key: KeyState, obs: Observations, version: string | null): string[] {
  const check = obs.keyCheck
  const status = answered(check) ? check.status : null
  const said = answered(check) ? serverMessage(check.json ?? check.text) : ''
  switch (key) {
    case 'accepted':
      if (status === 402)
        return ['The API key was accepted, but the Roboflow workspace has run out of credits.']
      if (status === 423)
        return ['The API key was accepted, but Roboflow API usage is paused for this workspace.']
      return ['The API key was accepted.']
    case 'rejected':
      return [
        'The server rejected the API key: copy it again from your Roboflow workspace settings.',
      ]
    case 'missing':
      if (!obs.keySent) return ['This server asks for an API key: set one for this profile.']
      if (obs.keyTransport === 'header') {
        const which = version === null ? '' : ` (this one is ${version})`
        return [
          `The server did not receive the key sent in the Authorization header, which needs server 1.5 or newer${which}: choose the query key transport.`,
        ]
      }
      return ['The server did not receive the API key.']
    case 'not-required':
      return ['This server answers without an API key.']
    case 'unknown': {
      if (check === null) return []
      if ('error' in check) return [`Could not check the API key: ${check.error.message}`]
      const detail = said === '' ? '' : ` The server said: "${said}"`
      return [`Could not tell whether the API key works (HTTP ${check.status}).${detail}`]
    }
  }
}

function healthFinding(health: Answer | null): string[] {
  if (!answered(health) || health.status === 200) return []
  const reason = record(health.json)?.['reason']
  const why = typeof reason === 'string' ? ` (${reason})` : ` (HTTP ${health.status})`
  return [`The server reports it is not healthy${why}: detections may fail until it is restarted.`]
}

/** The one line when /info gave no server name: a key wall (dedicated deployments) or not Inference at all. */
function unnamedMessage(baseUrl: string, status: number, key: KeyState): string {
  if (key === 'rejected') return `The server at ${baseUrl} answered, but rejected the API key.`
  if (key === 'missing') return `The server at ${baseUrl} answered, but needs an API key.`
  return `Something answered at ${baseUrl} (HTTP ${status}), but it does not look like a Roboflow Inference server.`
}

/** Turns what the probes saw into the report the user reads: a one-line message, then findings. */
export function buildConnectionReport(obs: Observations): ConnectionReport {
  const routes = readRoutes(obs.openapi)
  if (!answered(obs.info)) {
    const { error } = obs.info
    return {
      reachable: false,
      serverName: null,
      version: null,
      healthy: null,
      routes,
      key: 'unknown',
      findings: error.hint === undefined ? [] : [error.hint],
      message: error.message,
      url: obs.baseUrl,
    }
  }
  const { name, version } =
    obs.info.status === 200 ? readServerInfo(obs.info.json) : { name: null, version: null }
  const healthy = answered(obs.health) ? obs.health.status === 200 : null
  const key = readKeyState(obs.keyCheck, obs.keySent)
  const findings = [
    ...healthFinding(obs.health),
    ...keyFindings(key, obs, version),
    ...routeFindings(routes),
  ]
  if (
    obs.keySent &&
    obs.keyTransport === 'header' &&
    version !== null &&
    !versionAtLeast(version, '1.5.0')
  ) {
    if (key !== 'missing')
      findings.push(
        `Sending the key in the Authorization header needs server 1.5 or newer; this one is ${version}.`,
      )
  }
  for (const other of obs.others) {
    findings.push(
      other.error === null
        ? `${other.baseUrl} answered too.`
        : `${other.baseUrl} did not answer: ${other.error}`,
    )
  }
  const what = name === null ? null : [name, version].filter(Boolean).join(' ')
  const but =
    key === 'rejected'
      ? ', but the API key was rejected.'
      : key === 'missing'
        ? ', but it needs an API key.'
        : healthy === false
          ? ', but it reports it is not healthy.'
          : ` at ${obs.baseUrl}.`
  return {
    reachable: true,
    serverName: name,
    version,
    healthy,
    routes,
    key,
    findings,
    message:
      what === null
        ? unnamedMessage(obs.baseUrl, obs.info.status, key)
        : `Connected to ${what}${but}`,
    url: obs.baseUrl,
  }
}
