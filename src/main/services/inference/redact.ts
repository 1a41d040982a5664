/** Replaces every api_key value in a URL or any text with `***`; keys must never reach a log or message. */
export function redactUrl(url: string): string {
  return url.replace(/(api[_-]?key=)[^&#\s"']*/gi, '$1***')
}

/** Redacts api_key values and a Bearer token from free text such as a server's error body. */
export function redactText(text: string): string {
  return redactUrl(text)
    .replace(/("api[_-]?key"\s*:\s*")[^"]*"/gi, '$1***"')
    .replace(/(Bearer\s+)[^\s"']+/gi, '$1***')
}
