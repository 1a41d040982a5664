import type { SecretStore } from './secrets/secret-store'

/** A structured log line sink; fields are redacted before they get here. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** The edges the composition root needs from whoever hosts it (Electron, the bridge, the CLI, tests). */
export interface Platform {
  transport: 'electron' | 'bridge' | 'in-process'
  appVersion: string
  /** Folder for the app's own files (settings, projects); created when missing. */
  dataDir: string
  secretStore: SecretStore
  /** URL under which the renderer can load the display rendition of an opened image. */
  imageUrl(imageId: string): string
  /** Native file picker; the bridge has none and returns []. */
  pickImages(): Promise<string[]>
  /** Native folder picker; null when cancelled or when there is none (the bridge). */
  pickFolder?(): Promise<string | null>
  /** Native save/folder picker for an export target; null when cancelled or unavailable. */
  pickExportTarget?(format: 'coco' | 'yolo' | 'voc' | 'annotated'): Promise<string | null>
  /** Native picker for an import source: a COCO .json file, or a YOLO dataset folder. */
  pickImportSource?(format: 'coco' | 'yolo'): Promise<string | null>
  /** The app's bundled resources folder (sample images); absent where none ships. */
  resourcesDir?: string
  /** The user's home and Documents folders (the desktop's own, in Electron); from the OS by default. */
  homeDir?: string
  documentsDir?: string
  /** Command-line arguments naming a folder, project or image to open at launch. */
  launchArgs?: readonly string[]
  logger: Logger
}

export function createConsoleLogger(prefix = 'promptlabel'): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>): string =>
    `[${prefix}] ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`
  return {
    info: (m, f) => console.log(line('info', m, f)),
    warn: (m, f) => console.warn(line('warn', m, f)),
    error: (m, f) => console.error(line('error', m, f)),
  }
}

export function createSilentLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (level: string) => (m: string, f?: Record<string, unknown>) => {
    lines.push(`${level} ${m}${f ? ` ${JSON.stringify(f)}` : ''}`)
  }
  return { lines, info: push('info'), warn: push('warn'), error: push('error') }
}
