import { serverUrl, type ProfileKind } from '../../../shared/profile'

/** A server address as typed: the address to use, or what is wrong and the one-click fix, if any. */
export type UrlCheck =
  { ok: true; url: string } | { ok: false; message: string; fix: string | null }

/** Any scheme at all ("ftp://", "http:/", "https:"): adding http:// to those would be no fix. */
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\/|^https?:/i

/** This machine or a numeric address: a local Inference server speaks plain http (port 9001, no TLS). */
const PLAIN_HTTP_HOST = /^(localhost|127\.|0\.0\.0\.0|\[::1\]|\d{1,3}(\.\d{1,3}){3})(:|\/|$)/i

/**
 * Checks one server address before it is saved or tested. Without a scheme ("localhost:9101") the
 * fix adds one: http:// for a local server or a numeric address, https:// for a remote deployment.
 */
export function checkServerUrl(text: string, kind: ProfileKind = 'local'): UrlCheck {
  const typed = text.trim()
  if (typed === '') {
    return {
      ok: false,
      message: 'Enter the server’s address, e.g. http://localhost:9001',
      fix: null,
    }
  }
  const parsed = serverUrl.safeParse(typed)
  // The stored form allows what no request could reach ("http://a:9001http://b", port 99999).
  if (parsed.success && !URL.canParse(parsed.data)) {
    return {
      ok: false,
      message: 'Check the address: its host name or port is not valid',
      fix: null,
    }
  }
  if (parsed.success) return { ok: true, url: parsed.data }
  // On one value the later check is the more specific one ("no key in the URL" over "not a URL").
  const message = parsed.error.issues.at(-1)?.message ?? 'Enter a valid address'
  if (HAS_SCHEME.test(typed)) return { ok: false, message, fix: null }
  const scheme = kind === 'local' || PLAIN_HTTP_HOST.test(typed) ? 'http' : 'https'
  const candidate = serverUrl.safeParse(`${scheme}://${typed}`)
  const fix = candidate.success && URL.canParse(candidate.data) ? candidate.data : null
  return { ok: false, message, fix }
}

/** The fix for a list of addresses (one a line): each fixable line fixed, and the button's words. */
export function fixServerUrls(
  text: string,
  kind: ProfileKind,
): { text: string; label: string } | null {
  const lines = text.split('\n')
  const fixes = lines.map((line) => {
    const check = checkServerUrl(line, kind)
    return line.trim() !== '' && !check.ok ? check.fix : null
  })
  const fixed = fixes.filter((fix): fix is string => fix !== null)
  if (fixed.length === 0) return null
  return {
    text: lines.map((line, i) => fixes[i] ?? line).join('\n'),
    label:
      fixed.length === 1
        ? `Use ${fixed[0]}`
        : `Add the missing http(s):// to ${fixed.length} addresses`,
  }
}
