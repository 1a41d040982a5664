import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import {
  BRIDGE_EVENTS_PATH,
  BRIDGE_IMAGE_PATH,
  BRIDGE_INVOKE_PATH,
  BRIDGE_TOKEN_HEADER,
} from '../shared/bridge-api'
import type { Services } from '../main/services'

const MAX_BODY_BYTES = 1_000_000
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface BridgeOptions {
  /** Builds the services once the bridge knows its own URL (image URLs point back at it). */
  createServices(imageUrl: (imageId: string) => string): Services
  rendererDir: string
  port?: number
  token?: string
}

export interface Bridge {
  url: string
  /** The address to open: the app with its per-run token in the fragment (never sent to a server). */
  launchUrl: string
  token: string
  services: Services
  close(): Promise<void>
}

function sameToken(expected: string, given: string | null | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(JSON.stringify(value))
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The loopback stand-in for Electron's preload: serves the built renderer and carries the same
 * contract over HTTP (+ SSE for events), on 127.0.0.1 only, with a per-run token on every call.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const services = options.createServices(
    (id) => `${BRIDGE_IMAGE_PATH}${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`,
  )
  const streams = new Set<ServerResponse>()

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname))
    const file = join(options.rendererDir, relative)
    if (!file.startsWith(options.rendererDir + sep))
      return sendJson(res, 404, { error: 'not found' })
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return sendJson(res, 404, { error: 'not found' })
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    })
    createReadStream(file).pipe(res)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another site reaching 127.0.0.1 through DNS rebinding carries a foreign Host.
    if (!allowedHosts.has(req.headers.host ?? ''))
      return sendJson(res, 403, { error: 'forbidden host' })
    const requestUrl = new URL(req.url ?? '/', url)
    const { pathname } = requestUrl
    if (pathname === BRIDGE_INVOKE_PATH && req.method === 'POST') {
      if (!sameToken(token, req.headers[BRIDGE_TOKEN_HEADER] as string | undefined)) {
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'forbidden-sender', message: 'Missing or wrong bridge token.' },
        })
      }
      const text = await readBody(req)
      if (text === null)
        return sendJson(res, 413, {
          ok: false,
          error: { code: 'invalid-input', message: 'Request too large.' },
        })
      let message: { channel?: unknown; input?: unknown }
      try {
        message = JSON.parse(text) as typeof message
      } catch {
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'invalid-input', message: 'The request was not JSON.' },
        })
      }
      return sendJson(res, 200, await services.invoke(message.channel, message.input))
    }
    if (!sameToken(token, requestUrl.searchParams.get('token')) && pathname.startsWith('/api/')) {
      return sendJson(res, 401, { error: 'missing or wrong bridge token' })
    }
    if (pathname === BRIDGE_EVENTS_PATH && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      res.write(': connected\n\n')
      streams.add(res)
      const stop = services.events.subscribeAll((topic, payload) => {
        // A page that went away mid-run closes its stream; later events are simply not sent.
        if (!res.writableEnded && !res.destroyed)
          res.write(`data: ${JSON.stringify({ topic, payload })}\n\n`)
      })
      req.on('close', () => {
        stop()
        streams.delete(res)
      })
      return
    }
    if (pathname.startsWith(BRIDGE_IMAGE_PATH) && req.method === 'GET') {
      const image = await services.images.display(
        decodeURIComponent(pathname.slice(BRIDGE_IMAGE_PATH.length)),
      )
      if (!image) return sendJson(res, 404, { error: 'unknown image' })
      res.writeHead(200, { 'content-type': image.mime, 'cache-control': 'private, max-age=3600' })
      res.end(image.buffer)
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, pathname)
    sendJson(res, 405, { error: 'method not allowed' })
  }

  server.on('request', (req, res) => {
    handle(req, res).catch((error: unknown) => {
      services.logger.error('bridge request failed', {
        error: error instanceof Error ? error.message : String(error),
      })
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Bridge failure.' } })
      else res.end()
    })
  })

  return {
    url,
    launchUrl: `${url}/#token=${encodeURIComponent(token)}`,
    token,
    services,
    async close() {
      // Stop accepting first: an EventSource reconnects at once when its stream ends, and a
      // server still waiting on that open stream would never finish closing.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const stream of streams) stream.end()
      server.closeAllConnections()
      await services.close()
      await closed
    },
  }
}
