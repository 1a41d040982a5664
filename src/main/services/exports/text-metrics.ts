/**
 * Advance widths of DejaVu Sans (the font labels are drawn with) for ' '..'~', in 1/1000 em,
 * read from the font's hmtx table: sizes a label tag to its text without a layout engine.
 */
const ASCII_WIDTHS = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
  636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
  575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
  611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
  278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
]

/** East Asian wide characters and emoji take a full em in the fallback fonts. */
const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u

/** Estimated advance width of `text` at `fontSize` px in DejaVu Sans. */
export function measureText(text: string, fontSize: number): number {
  let em = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code >= 32 && code <= 126) em += ASCII_WIDTHS[code - 32]! / 1000
    else if (WIDE.test(char)) em += 1
    else em += 0.65
  }
  return em * fontSize
}
