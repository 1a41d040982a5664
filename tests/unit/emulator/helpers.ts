import { makeShapesImage, type ShapeSpec, type ShapesImageSpec } from '../../support/test-images'

export interface JsonReply {
  status: number
  headers: Headers
  text: string
  json: unknown
}

/** POSTs a JSON body (or a raw string) and returns status, headers, text and parsed JSON. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return readReply(response)
}

export async function readReply(response: Response): Promise<JsonReply> {
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: parseOrUndefined(text) }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** A shapes image as the `{type: 'base64', value}` object the JSON routes take. */
export async function base64Image(
  spec: ShapesImageSpec,
): Promise<{ image: { type: string; value: string }; trueBoxes: ShapeSpec[] }> {
  const { buffer, trueBoxes } = await makeShapesImage(spec)
  return { image: { type: 'base64', value: buffer.toString('base64') }, trueBoxes }
}

export interface CentreBox {
  x: number
  y: number
  width: number
  height: number
}

/** Asserts a server centre-box sits on a drawn shape within the tolerance JPEG allows. */
export function expectBoxNear(prediction: CentreBox, shape: ShapeSpec, tolerance = 1.5): void {
  const left = prediction.x - prediction.width / 2
  const top = prediction.y - prediction.height / 2
  const off = [
    Math.abs(left - shape.x),
    Math.abs(top - shape.y),
    Math.abs(prediction.width - shape.width),
    Math.abs(prediction.height - shape.height),
  ]
  if (off.some((d) => d > tolerance))
    throw new Error(
      `box ${JSON.stringify(prediction)} is not within ±${tolerance}px of ${JSON.stringify(shape)}`,
    )
}

export function sortByX<T extends { x: number }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.x - b.x)
}

/** A small image with one purple square at (8, 8), 20 x 20. */
export const tinyPurple = base64Image({
  width: 64,
  height: 48,
  shapes: [{ colour: 'purple', x: 8, y: 8, width: 20, height: 20 }],
})

/** A Grounding DINO request for "purple" on the tiny image, with extra body fields, headers or query. */
export async function postTinyGdino(
  url: string,
  extra: object = {},
  headers: Record<string, string> = {},
  query = '',
): Promise<JsonReply> {
  const { image } = await tinyPurple
  return postJson(
    `${url}/grounding_dino/infer${query}`,
    { image, text: ['purple'], ...extra },
    headers,
  )
}
