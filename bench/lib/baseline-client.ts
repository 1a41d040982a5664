import { readFile } from 'node:fs/promises'

export interface BaselineRun {
  images: number
  failed: number
  seconds: number
  /** Seconds the server said each inference took (slot time: service time plus decoding). */
  serverTimes: number[]
  /** Bytes of every JSON body sent. */
  bodyBytes: number
}

/**
 * What the seeds' sample code does in a loop (inference-api.md §4): read the file, base64 the
 * full-size bytes as they are, POST one request, wait for the answer, then the next image.
 */
export async function runBaseline(
  url: string,
  paths: readonly string[],
  classes: readonly string[],
): Promise<BaselineRun> {
  const serverTimes: number[] = []
  let failed = 0
  let bodyBytes = 0
  const started = performance.now()
  for (const path of paths) {
    const value = (await readFile(path)).toString('base64')
    const body = JSON.stringify({
      image: { type: 'base64', value },
      text: classes,
      box_threshold: 0.35,
      text_threshold: 0.25,
    })
    bodyBytes += Buffer.byteLength(body)
    try {
      const res = await fetch(`${url}/grounding_dino/infer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      const json = (await res.json()) as { time?: number; predictions?: unknown[] }
      if (!res.ok || !Array.isArray(json.predictions)) failed++
      else if (typeof json.time === 'number') serverTimes.push(json.time)
    } catch {
      failed++
    }
  }
  return {
    images: paths.length,
    failed,
    seconds: (performance.now() - started) / 1000,
    serverTimes,
    bodyBytes,
  }
}

/**
 * The physical limit: bodies encoded before the clock starts, `inFlight` requests always open, so
 * the server's queue never empties. What it reaches is the server's real capacity on this machine.
 */
export async function runSaturating(
  url: string,
  paths: readonly string[],
  classes: readonly string[],
  inFlight: number,
): Promise<BaselineRun> {
  const bodies: string[] = []
  for (const path of paths) {
    const value = (await readFile(path)).toString('base64')
    bodies.push(
      JSON.stringify({
        image: { type: 'base64', value },
        text: classes,
        box_threshold: 0.35,
        text_threshold: 0.25,
      }),
    )
  }
  const serverTimes: number[] = []
  let failed = 0
  let next = 0
  const started = performance.now()
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++]!
      try {
        const res = await fetch(`${url}/grounding_dino/infer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        const json = (await res.json()) as { time?: number }
        if (!res.ok) failed++
        else if (typeof json.time === 'number') serverTimes.push(json.time)
      } catch {
        failed++
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return {
    images: paths.length,
    failed,
    seconds: (performance.now() - started) / 1000,
    serverTimes,
    bodyBytes: bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0),
  }
}
