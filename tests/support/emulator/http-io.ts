import type { IncomingMessage } from 'node:http'
import { HttpError } from './errors'

/** Far above any real upload; the real server has no limit, hosting infrastructure answers 413 (§3). */
export const MAX_BODY_BYTES = 200 * 1024 * 1024

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(
          new HttpError(413, { message: 'Request payload too large.' }, { connection: 'close' }),
        )
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** First value of each query parameter, as FastAPI binds scalar Query() params. */
export function parseQuery(search: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [key, value] of search) if (!(key in query)) query[key] = value
  return query
}

export function isJsonContentType(contentType: string): boolean {
  const [mediaType = ''] = contentType.toLowerCase().split(';')
  const [main, sub = ''] = mediaType.trim().split('/')
  return main === 'application' && (sub === 'json' || sub.endsWith('+json'))
}

/** FastAPI body handling: JSON when the type is JSON or absent, else the raw text fails validation. */
export function parseJsonBody(contentType: string | undefined, raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  if (contentType !== undefined && !isJsonContentType(contentType)) return raw.toString('utf8')
  const text = raw.toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const message = error instanceof Error ? error.message : ''
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length)
    throw new HttpError(422, {
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', position],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: pythonJsonError(message) },
        },
      ],
    })
  }
}

/** The json module's wording for the common parse failures. */
function pythonJsonError(message: string): string {
  if (/non-whitespace character after JSON/.test(message)) return 'Extra data'
  if (/property name/.test(message)) return 'Expecting property name enclosed in double quotes'
  if (/Expected ',' or/.test(message)) return "Expecting ',' delimiter"
  if (/Unterminated string/.test(message)) return 'Unterminated string starting at'
  return 'Expecting value'
}

export interface MultipartPart {
  name: string | null
  filename: string | null
  contentType: string | null
  data: Buffer
}

/** Splits a multipart/form-data body into parts; malformed input yields the parts it could read. */
export function parseMultipart(contentType: string, body: Buffer): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const token = boundary?.[1] ?? boundary?.[2]
  if (!token) return []
  const delimiter = Buffer.from(`--${token.trim()}`)
  const parts: MultipartPart[] = []
  let cursor = body.indexOf(delimiter)
  while (cursor !== -1) {
    const start = cursor + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const segment = body.subarray(start, next)
    const headerEnd = segment.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const headers = segment.subarray(0, headerEnd).toString('utf8')
      let data = segment.subarray(headerEnd + 4)
      if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2)
      parts.push({
        name: /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1] ?? null,
        filename: /filename="([^"]*)"/i.exec(headers)?.[1] ?? null,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? null,
        data,
      })
    }
    cursor = next
  }
  return parts
}
