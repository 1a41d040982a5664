import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { writeShapesImage, type ShapeSpec } from '../../support/test-images'

/** Writes small images under `dir` (some in sub-folders), each with shapes at its own place. */
export async function writeImages(dir: string, names: string[]): Promise<Map<string, ShapeSpec[]>> {
  const truth = new Map<string, ShapeSpec[]>()
  for (const [index, name] of names.entries()) {
    const path = join(dir, ...name.split('/'))
    await mkdir(dirname(path), { recursive: true })
    const shift = (index * 7) % 40
    const image = await writeShapesImage(path, {
      width: 200,
      height: 150,
      format: name.endsWith('.png') ? 'png' : 'jpeg',
      shapes: [
        { colour: 'red', x: 10 + shift, y: 12, width: 50, height: 40 },
        { colour: 'blue', x: 110, y: 60 + (shift % 20), width: 60, height: 45 },
      ],
    })
    truth.set(name, image.trueBoxes)
  }
  return truth
}

/** `n` image names, every third one in a sub-folder. */
export const numberedNames = (n: number, prefix = 'img'): string[] =>
  Array.from({ length: n }, (_, i) => `${i % 3 === 2 ? 'sub/' : ''}${prefix}-${i + 1}.png`)

export interface LogLine {
  key: string
  status: 'done' | 'failed'
  runId: string
  detections?: {
    id: string
    className: string
    confidence: number
    box: { x: number; y: number; width: number; height: number }
  }[]
  error?: { code: string; message: string }
}

/** Every readable line of a project's results.jsonl (a line cut short by a kill is skipped). */
export async function readLog(projectDir: string): Promise<LogLine[]> {
  const text = await readFile(join(projectDir, 'results.jsonl'), 'utf8').catch(() => '')
  const lines: LogLine[] = []
  for (const line of text.split('\n')) {
    try {
      if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine)
    } catch {
      // A partial last line from a killed process.
    }
  }
  return lines
}

/** How many 'done' records each key has. */
export function doneCounts(lines: LogLine[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of lines) {
    if (line.status === 'done') counts.set(line.key, (counts.get(line.key) ?? 0) + 1)
  }
  return counts
}

/** The flags every annotate test uses: Grounding DINO looking for the two drawn colours. */
export const gdFlags = (url: string): string[] => [
  '--server',
  url,
  '--model',
  'grounding-dino',
  '--classes',
  'red,blue',
]

/** Parses --json stdout into its events. */
export function jsonEvents(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
