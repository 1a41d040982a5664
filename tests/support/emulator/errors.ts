/** A response the route decided on instead of a result; thrown and turned into HTTP by the server. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    readonly contentType = 'application/json',
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body))
  }
}

/** Exact public texts (inference-api.md §3, §1.3, §1.0). */
export const MESSAGES = {
  imagePrefix: 'Could not load input image. Cause: ',
  malformedBase64: 'Malformed base64 input image.',
  emptyPayload: 'Empty image payload.',
  notImage: 'Data is not image.',
  rawBytes:
    'Invalid base64 input: the image payload contains raw bytes instead of a base64-encoded string. Please base64-encode the image before sending.',
  numpyUnsupported: 'NumPy image type is not supported in this configuration of `inference`.',
  notNdarray: 'Data provided as input could not be decoded into np.ndarray object.',
  unknownType: 'Image declaration contains not recognised image type.',
  localFileDisabled: 'Loading images from local filesystem is disabled.',
  urlNonHttps:
    'Providing images via non https:// URL is not supported in this configuration of `inference`.',
  urlWithoutFqdn:
    'Providing images via URL without FQDN is not supported in this configuration of `inference`.',
  urlInvalid: 'Provided image URL is invalid',
  urlFetch: 'Data pointed by URL could not be decoded into image.',
  missingFilePart: "Expected image to be send in part named 'file' of multipart/form-data request.",
  noContentType: 'Content-Type header not provided with request.',
  internal: 'Internal error.',
  invalidModelId: 'Invalid Model ID sent in request.',
  busy: 'Model is temporarily not ready - retry request.',
  missingKey:
    'Required Roboflow API key is missing. Visit https://docs.roboflow.com/api-reference/authentication#retrieve-an-api-key to learn how to retrieve one.',
  unauthorized:
    'Unauthorized access to roboflow API - check API key and make sure the key is valid for workspace you use. Visit https://docs.roboflow.com/api-reference/authentication#retrieve-an-api-key to learn how to retrieve one.',
  notFound:
    'Requested Roboflow resource not found. Make sure that workspace, project or model you referred in request exists.',
} as const

/** 400 for an image that cannot be loaded (§3 InputImageLoadError). */
export function imageLoadError(cause: string): HttpError {
  return new HttpError(400, { message: MESSAGES.imagePrefix + cause })
}

/** 500 the way with_route_exceptions answers any unexpected exception (§3). */
export function internalError(): HttpError {
  return new HttpError(500, { message: MESSAGES.internal })
}

/** 400 from inference-models input validation, e.g. an OWLv2 reference image (§1.5). */
export function modelInputError(cause: string): HttpError {
  return new HttpError(400, {
    message: `Error with model input. Cause: ${cause}`,
    help_url: 'https://inference-models.roboflow.com/errors/input-validation/#modelinputerror',
  })
}

/** 500 plain text from FastAPI when the response fails its response_model (§3). */
export function responseValidationError(): HttpError {
  return new HttpError(500, 'Internal Server Error', {}, 'text/plain; charset=utf-8')
}

export function notFoundError(): HttpError {
  return new HttpError(404, { message: MESSAGES.notFound })
}
