import { describe, expect, it } from 'vitest'
import {
  errorFromNetwork,
  errorFromResponse,
  summariseValidation,
} from '../../../src/main/services/inference/errors'
import { redactText, redactUrl } from '../../../src/main/services/inference/redact'

const GD = { route: '/grounding_dino/infer', model: 'Grounding DINO' }
const KEY_HELP =
  'Visit https://docs.roboflow.com/api-reference/authentication#retrieve-an-api-key to learn how to retrieve one.'

/** Bodies copied from the rows of inference-api.md §3. */
describe('errorFromResponse: one case per §3 row', () => {
  it('422 validation names the first field and message', () => {
    const body = {
      detail: [{ type: 'missing', loc: ['body', 'text'], msg: 'Field required', input: {} }],
    }
    const e = errorFromResponse(422, body, GD)
    expect(e.code).toBe('request-rejected')
    expect(e.message).toContain('text: Field required')
    expect(e.status).toBe(422)
  })

  it('422 bad JSON', () => {
    const body = {
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', 1],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: 'x' },
        },
      ],
    }
    expect(errorFromResponse(422, body, GD).message).toContain('1: JSON decode error')
  })

  it('404 {"detail":"Not Found"} is a disabled route, naming the server flag', () => {
    const e = errorFromResponse(404, { detail: 'Not Found' }, { route: '/owlv2/infer' })
    expect(e.code).toBe('route-disabled')
    expect(e.hint).toContain('CORE_MODEL_OWLV2_ENABLED')
  })

  it('404 landing page (HTML) is a disabled route too', () => {
    const e = errorFromResponse(404, '<html><body><h1>404</h1></body></html>', {
      route: '/infer/lmm',
    })
    expect(e.code).toBe('route-disabled')
    expect(e.hint).toContain('MOONDREAM2_ENABLED')
  })

  it('405 {"detail":"Method Not Allowed"} is a disabled route', () => {
    const e = errorFromResponse(405, { detail: 'Method Not Allowed' }, { route: '/infer/lmm' })
    expect(e.code).toBe('route-disabled')
  })

  it('400 "Could not load input image" means the image was rejected, with the cause', () => {
    const body = { message: 'Could not load input image. Cause: Malformed base64 input image.' }
    const e = errorFromResponse(400, body, GD)
    expect(e.code).toBe('image-rejected')
    expect(e.message).toContain('Malformed base64 input image.')
  })

  it('400 empty payload and raw bytes on the legacy route are image rejections with the cause', () => {
    const empty = { message: 'Could not load input image. Cause: Empty image payload.' }
    expect(errorFromResponse(400, empty, { route: '/proj/1' }).message).toContain(
      'Empty image payload.',
    )
    const raw = {
      message:
        'Could not load input image. Cause: Invalid base64 input: the image payload contains raw bytes instead of a base64-encoded string.',
    }
    expect(errorFromResponse(400, raw, { route: '/proj/1' }).code).toBe('image-rejected')
  })

  it('400 invalid Content-Type is a request rejection naming it', () => {
    const body = { message: 'Invalid Content-Type header provided with request.' }
    const e = errorFromResponse(400, body, { route: '/proj/1' })
    expect(e.code).toBe('request-rejected')
    expect(e.message).toContain('Invalid Content-Type header')
  })

  it('400 legacy Content-Type errors are request rejections', () => {
    const body = { message: 'Content-Type header not provided with request.' }
    expect(errorFromResponse(400, body, { route: '/proj/1' }).code).toBe('request-rejected')
  })

  it('400 model input error is a request rejection carrying the server text', () => {
    const body = { message: 'Error with model input. Cause: bad base64', help_url: 'https://x' }
    const e = errorFromResponse(400, body, { route: '/owlv2/infer' })
    expect(e.code).toBe('request-rejected')
    expect(e.message).toContain('Error with model input')
  })

  it('400 malformed model id is a request rejection', () => {
    const e = errorFromResponse(
      400,
      { message: 'Invalid Model ID sent in request.' },
      { route: '/a/b' },
    )
    expect(e.code).toBe('request-rejected')
  })

  it('400 missing API key (not 401) is auth-missing', () => {
    const body = { message: `Required Roboflow API key is missing. ${KEY_HELP}` }
    expect(errorFromResponse(400, body, GD).code).toBe('auth-missing')
  })

  it('401 from the local server is auth-invalid', () => {
    const body = {
      message: `Unauthorized access to roboflow API - check API key and make sure the key is valid for workspace you use. ${KEY_HELP}`,
    }
    const e = errorFromResponse(401, body, GD)
    expect(e.code).toBe('auth-invalid')
    expect(e.hint).toContain('API key')
  })

  it('401 from hosted serverless middleware is auth-invalid', () => {
    expect(errorFromResponse(401, { status: 401, message: 'Unauthorized api_key' }, GD).code).toBe(
      'auth-invalid',
    )
  })

  it('403 is a key without the needed scope', () => {
    const body = { message: 'Unauthorized access to roboflow API - ... have required scopes.' }
    expect(errorFromResponse(403, body, GD).code).toBe('auth-scope')
  })

  it('402 is out of credits (plain and hosted bodies)', () => {
    const body = {
      message: 'Not enough credits to perform this request. Verify your workspace billing page.',
    }
    expect(errorFromResponse(402, body, GD).code).toBe('no-credits')
    expect(errorFromResponse(402, { status: 402, message: 'x' }, GD).code).toBe('no-credits')
  })

  it('423 is usage paused', () => {
    const body = {
      message: 'Roboflow API usage is paused. Please contact your workspace administrator.',
    }
    expect(errorFromResponse(423, body, GD).code).toBe('usage-paused')
  })

  it('404 Roboflow resource on a model route is model-not-found', () => {
    const body = {
      message:
        'Requested Roboflow resource not found. Make sure that workspace, project or model you referred in request exists.',
    }
    const e = errorFromResponse(404, body, { route: '/my-project/3', model: 'my-project/3' })
    expect(e.code).toBe('model-not-found')
    expect(e.message).toContain('my-project/3')
  })

  it('404 Roboflow resource on /owlv2/infer means the route fell into the legacy catch-all (§1)', () => {
    const body = { message: 'Requested Roboflow resource not found.' }
    expect(errorFromResponse(404, body, { route: '/owlv2/infer' }).code).toBe('route-disabled')
  })

  it('503 model not ready and lock timeout are server-busy', () => {
    expect(
      errorFromResponse(503, { message: 'Model is temporarily not ready - retry request.' }, GD)
        .code,
    ).toBe('server-busy')
    const lock = {
      message:
        'Could not acquire model manager lock due to other request performing blocking operation. Try again....',
    }
    expect(errorFromResponse(503, lock, GD).code).toBe('server-busy')
  })

  it('503/504 cannot reach Roboflow API are server-busy', () => {
    expect(
      errorFromResponse(503, { message: 'Internal error. Could not connect to Roboflow API.' }, GD)
        .code,
    ).toBe('server-busy')
    expect(
      errorFromResponse(504, { message: 'Timeout when attempting to connect to Roboflow API.' }, GD)
        .code,
    ).toBe('server-busy')
  })

  it('502 Roboflow API bad response is server-error', () => {
    const e = errorFromResponse(
      502,
      { message: 'Internal error. Request to Roboflow API failed.' },
      GD,
    )
    expect(e.code).toBe('server-error')
    expect(e.message).toContain('Roboflow API')
  })

  it('500 model load failure is server-error with the server text', () => {
    const e = errorFromResponse(
      500,
      { message: 'Model loading failed: weights missing', help_url: 'x' },
      { route: '/infer/lmm' },
    )
    expect(e.code).toBe('server-error')
    expect(e.message).toContain('Model loading failed: weights missing')
  })

  it('500 service misconfiguration and broken model package are server errors with the text', () => {
    for (const message of ['Service misconfiguration.', 'Model package is broken.']) {
      const e = errorFromResponse(500, { message }, { route: '/proj/1' })
      expect(e.code).toBe('server-error')
      expect(e.message).toContain(message)
    }
  })

  it('507 out of memory is server-error', () => {
    const body = {
      message: 'Model loading failed due to restrictions of server configuration - OOM',
    }
    const e = errorFromResponse(507, body, GD)
    expect(e.code).toBe('server-error')
    expect(e.message).toMatch(/memory/)
  })

  it('500 "Internal error." names the server\'s own message and says it can be passing', () => {
    const e = errorFromResponse(500, { message: 'Internal error.' }, { route: '/infer/lmm' })
    expect(e.code).toBe('server-error')
    expect(e.status).toBe(500)
    expect(e.message).toBe('The server hit an error (HTTP 500). The server said: "Internal error."')
    expect(e.hint).toMatch(/passing trouble/)
  })

  it('500 on Grounding DINO does not blame sanitised one-word prompts on the prompt quirk', () => {
    const prompts = { prompts: ['dog', 'cat'], boxThreshold: 0.35, textThreshold: 0.25 }
    const e = errorFromResponse(500, { message: 'Internal error.' }, { ...GD, prompts })
    expect(e.message).toContain('The server said: "Internal error."')
    expect(e.hint).not.toMatch(/Grounding DINO|prompt/)
    // Without the prompts sent, nothing is known about them either.
    expect(errorFromResponse(500, { message: 'Internal error.' }, GD).hint).not.toMatch(/prompt/)
  })

  it('500 on Grounding DINO names the prompt quirk as a possible cause when the prompts could trip it (§1.4)', () => {
    const multiWord = { prompts: ['traffic light', 'dog'], boxThreshold: 0.35, textThreshold: 0.25 }
    const e = errorFromResponse(500, { message: 'Internal error.' }, { ...GD, prompts: multiWord })
    expect(e.message).toContain('The server said: "Internal error."')
    expect(e.hint).toMatch(/^Possible cause: .*matches none of the prompts/)
    expect(e.hint).toContain('"traffic light" may be found only in part')
    expect(e.hint).not.toContain('"dog"')

    const thresholds = { prompts: ['dog'], boxThreshold: 0.3, textThreshold: 0.5 }
    const t = errorFromResponse(500, { message: 'Internal error.' }, { ...GD, prompts: thresholds })
    expect(t.hint).toContain('the text threshold (0.5) is above the box threshold (0.3)')

    const raw = { prompts: ['Red box', 'blue-box'], boxThreshold: 0.3, textThreshold: 0.3 }
    const r = errorFromResponse(500, { message: 'Internal error.' }, { ...GD, prompts: raw })
    expect(r.hint).toContain('"Red box", "blue-box" have capitals or punctuation')
  })

  it('500 plain-text "Internal Server Error" (not JSON) is handled', () => {
    const e = errorFromResponse(500, 'Internal Server Error', { route: '/owlv2/infer' })
    expect(e.code).toBe('server-error')
    expect(e.message).toContain('Internal Server Error')
  })

  it('410 deprecated feature is treated as a route the server no longer offers', () => {
    const body = { message: 'gone', error_type: 'FeatureDeprecatedError' }
    expect(errorFromResponse(410, body, { route: '/gaze/gaze_detection' }).code).toBe(
      'route-disabled',
    )
  })

  it('413 payload too large suggests a smaller upload', () => {
    const e = errorFromResponse(413, '<html>Request Entity Too Large</html>', GD)
    expect(e.code).toBe('request-rejected')
    expect(e.hint).toMatch(/upload side/)
  })

  it('429 rate limiting is server-busy', () => {
    expect(errorFromResponse(429, { message: 'slow down' }, GD).code).toBe('server-busy')
  })

  it('never repeats an API key found in the server text', () => {
    const e = errorFromResponse(400, { message: 'bad url https://x/y?api_key=SECRET123&a=1' }, GD)
    expect(e.message).not.toContain('SECRET123')
    expect(e.message).toContain('api_key=***')
  })

  it('summarises an empty or odd 422 body without crashing', () => {
    expect(summariseValidation({})).toBe('the request was not valid')
    expect(summariseValidation(null)).toBe('the request was not valid')
  })
})

describe('errorFromNetwork', () => {
  const url = 'http://127.0.0.1:9001/grounding_dino/infer?api_key=SECRET'

  it('connection refused says the server could not be reached, with its origin only', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9001'), {
      code: 'ECONNREFUSED',
    })
    const e = errorFromNetwork(err, { url })
    expect(e.code).toBe('unreachable')
    expect(e.message).toBe('Could not reach the server at http://127.0.0.1:9001. Is it running?')
  })

  it('finds the code inside an AggregateError (happy eyeballs on localhost)', () => {
    const inner = Object.assign(new Error('x'), { code: 'ECONNREFUSED' })
    expect(errorFromNetwork(new AggregateError([inner, inner]), { url }).code).toBe('unreachable')
  })

  it('DNS failure names the address', () => {
    const err = Object.assign(new Error('getaddrinfo ENOTFOUND nohost'), { code: 'ENOTFOUND' })
    const e = errorFromNetwork(err, { url: 'http://nohost:9001/info' })
    expect(e.code).toBe('unreachable')
    expect(e.message).toContain('http://nohost:9001')
  })

  it('headers and body timeouts become timeout', () => {
    expect(errorFromNetwork({ code: 'UND_ERR_HEADERS_TIMEOUT' }, { url }).code).toBe('timeout')
    expect(errorFromNetwork({ code: 'UND_ERR_BODY_TIMEOUT' }, { url }).code).toBe('timeout')
  })

  it('aborts become cancelled', () => {
    expect(errorFromNetwork(new DOMException('aborted', 'AbortError'), { url }).code).toBe(
      'cancelled',
    )
    expect(errorFromNetwork({ code: 'UND_ERR_ABORTED' }, { url }).code).toBe('cancelled')
  })

  it('never includes the key or the raw undici text', () => {
    const e = errorFromNetwork({ code: 'UND_ERR_SOCKET', message: 'other side closed' }, { url })
    expect(JSON.stringify(e.toData())).not.toContain('SECRET')
    expect(e.message).not.toContain('other side closed')
  })
})

describe('redaction', () => {
  it('replaces api_key values in URLs', () => {
    expect(redactUrl('http://h:1/a?x=1&api_key=abc-DEF_123&y=2')).toBe(
      'http://h:1/a?x=1&api_key=***&y=2',
    )
    expect(redactUrl('http://h/a?API_KEY=abc#frag')).toBe('http://h/a?API_KEY=***#frag')
  })

  it('replaces keys in JSON text and bearer tokens', () => {
    expect(redactText('{"api_key":"abc","b":1}')).toBe('{"api_key":"***","b":1}')
    expect(redactText('Authorization: Bearer abc.def')).toBe('Authorization: Bearer ***')
  })
})
