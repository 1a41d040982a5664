import { createReadStream } from 'node:fs'
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'

/**
 * An append-only JSON-lines file whose every line is synced to disk before the append resolves. A
 * line cut short by a crash is closed off on open, so it cannot swallow the next record.
 */
export class JsonlFile {
  readonly #handle: FileHandle
  #queue: Promise<void> = Promise.resolve()

  private constructor(handle: FileHandle) {
    this.#handle = handle
  }

  static async open(path: string): Promise<JsonlFile> {
    await mkdir(dirname(path), { recursive: true })
    const handle = await open(path, 'a+')
    const { size } = await handle.stat()
    if (size > 0) {
      const last = Buffer.alloc(1)
      await handle.read(last, 0, 1, size - 1)
      if (last[0] !== 0x0a) await handle.write('\n')
    }
    return new JsonlFile(handle)
  }

  /** Serialised appends: concurrent writers never interleave partial lines. */
  append(value: unknown): Promise<void> {
    const line = `${JSON.stringify(value)}\n`
    const next = this.#queue.then(async () => {
      await this.#handle.write(line)
      await this.#handle.datasync()
    })
    this.#queue = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    await this.#queue
    await this.#handle.close()
  }
}

/** Streams a JSON-lines file (100,000 lines never become one string); returns damaged line numbers. */
export async function readJsonLines(
  path: string,
  onValue: (value: unknown) => boolean,
): Promise<number[]> {
  const damaged: number[] = []
  if (!(await stat(path).catch(() => null))) return damaged
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  let number = 0
  for await (const line of lines) {
    number++
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      damaged.push(number)
      continue
    }
    if (!onValue(value)) damaged.push(number)
  }
  return damaged
}
