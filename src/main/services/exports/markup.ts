/** Escapes text for XML/SVG content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/**
 * A YAML double-quoted scalar: always quoted, so names like `no`, `1`, `a: b` or `#tag` stay
 * strings; backslash, quote and every control or line-separator character are escaped.
 */
export function quoteYaml(text: string): string {
  let body = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    const control =
      code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff)
    if (char === '\\' || char === '"') body += `\\${char}`
    else if (control || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
      body += `\\u${code.toString(16).padStart(4, '0')}`
    } else body += char
  }
  return `"${body}"`
}
