import { UsageError } from './errors'

/** A path flag given as an empty string is a mistake, not "no path". */
export function nonEmptyPath(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a path.`)
  return value
}

/** Reads a number flag; the range is checked where its meaning is known. */
export function readNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${flag} needs a number; got "${text}".`)
  }
  return value
}

export function readUploadSide(text: string | undefined): number | undefined {
  const value = readNumber('--max-upload-side', text)
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 20_000)) {
    throw new UsageError(
      `--max-upload-side must be a whole number of pixels from 0 (off) to 20000; got ${text}.`,
    )
  }
  return value
}

/** --timeout is in seconds, as people say it; the profile keeps milliseconds (1 s to 30 min). */
export function readTimeoutMs(text: string | undefined): number | undefined {
  const value = readNumber('--timeout', text)
  if (value === undefined) return undefined
  if (value < 1 || value > 1_800) {
    throw new UsageError(`--timeout must be from 1 to 1800 seconds; got ${text}.`)
  }
  return Math.round(value * 1000)
}

/** Requests at once; the contract allows 1 to 64. */
export function readConcurrency(text: string | undefined): number | undefined {
  const value = readNumber('--concurrency', text)
  if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 64)) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64; got ${text}.`)
  }
  return value
}
