/** A schema issue as zod reports it: where in the input, and what is wrong. */
export interface InputIssue {
  path: readonly PropertyKey[]
  message: string
}

/** The words a user knows a field by; the key is the field's name in the contract's schemas. */
const FIELD_LABELS: Record<string, string> = {
  baseUrls: 'Server address',
  url: 'Server address',
  name: 'Name',
  apiKey: 'API key',
  connectTimeoutMs: 'Connect timeout',
  requestTimeoutMs: 'Request timeout',
  maxConcurrency: 'Parallel requests',
  concurrency: 'Parallel requests',
  maxUploadSide: 'Max upload side',
  maxUploadBytes: 'Max upload size',
  keyTransport: 'Send the API key as',
  owlv2VersionId: 'OwlV2 version',
  moondreamModelId: 'Moondream model',
  versionId: 'OwlV2 version',
  modelId: 'Moondream model',
  imagesDir: 'Images folder',
  projectDir: 'Project folder',
  path: 'File',
  source: 'What to import',
  target: 'Export to',
  classes: 'Classes',
  prompts: 'Prompts',
  boxThreshold: 'Box threshold',
  textThreshold: 'Text threshold',
  confidence: 'Confidence',
  threshold: 'Threshold',
  lineWidth: 'Line width',
  port: 'Port',
}

/** "lineWidth" -> "Line width", for a field the table does not name. */
function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The field an issue is about, in words: its innermost named key, numbered when it is not the first
 * of a list ("Server address 2"). Never the code path ("profile.baseUrls.1").
 */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]
    if (typeof key !== 'string') continue
    const label = FIELD_LABELS[key] ?? humanise(key)
    const index = path[i + 1]
    return typeof index === 'number' && index > 0 ? `${label} ${index + 1}` : label
  }
  return null
}

/** Summarises a validation failure as one sentence naming the field in words, for the error bar. */
export function describeIssues(issues: readonly InputIssue[]): string {
  const first = issues[0]
  if (!first) return 'The request was not valid.'
  const label = fieldLabel(first.path)
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : ''
  return `${label === null ? '' : `${label}: `}${first.message}${more}`
}

/** The path of the issue, as data the renderer uses to put the message at its field. */
export function issueField(issues: readonly InputIssue[]): (string | number)[] | undefined {
  const path = issues[0]?.path
  if (!path || path.length === 0) return undefined
  return path.map((key) => (typeof key === 'number' ? key : String(key)))
}
