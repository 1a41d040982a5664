import type { ClassReport, CountMetrics, OverallReport } from '../shared/evaluation'
import { FEW_TRUTH_BOXES } from '../shared/evaluation'
import type { LabCandidateScore } from '../shared/lab'

/** What the report says besides the numbers: what was scored, against what, at what cost. */
export interface EvalContext {
  /** The model and prompt, e.g. `grounding-dino "red, blue"`. */
  model: string
  /** The flag the cut came from, e.g. `--box-threshold 0.35`. */
  cut: string
  /** What the truth is: the project's reviewed images, or a COCO file. */
  truth: string
  truthImages: number
  project: string
  cacheFile: string
  iou: number
  /** Answers this run got, requests that failed, answers the cache already had. */
  requests: { answered: number; failed: number; cached: number }
  failures: { key: string; message: string }[]
  /** Lines about the truth file: images or boxes skipped, sizes scaled. */
  notes: string[]
}

const SHOWN = 20
const round = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10_000) / 10_000
const fixed = (value: number | null, digits = 3): string =>
  value === null ? '–' : value.toFixed(digits)

/** The numbers of one class or the whole, as one JSON object. */
function metrics(m: CountMetrics & { ap50: number | null; ap50to95: number | null }) {
  return {
    truth: m.truth,
    tp: m.tp,
    fp: m.fp,
    misses: m.fn,
    precision: round(m.precision),
    recall: round(m.recall),
    f1: round(m.f1),
    ap50: round(m.ap50),
    ap50to95: round(m.ap50to95),
    rejectedAgain: m.rejectedAgain,
    few: m.few,
  }
}

function classLine(c: ClassReport) {
  const best = c.bestF1
  return {
    class: c.className,
    ...metrics(c),
    cut: c.threshold,
    bestF1:
      best === null
        ? null
        : {
            cut: best.threshold,
            f1: round(best.f1),
            precision: round(best.precision),
            recall: round(best.recall),
          },
  }
}

/** `--json`: one line per class, then one for the whole run. */
export function formatEvalJson(score: LabCandidateScore, ctx: EvalContext): string {
  const { report, coverage } = score
  const overall = {
    ...metrics(report.overall),
    iou: ctx.iou,
    images: { truth: ctx.truthImages, scored: coverage.scored, missing: coverage.missing },
    leftOut: coverage.leftOut.map((l) => ({ image: l.key, reason: l.reason })),
    requests: ctx.requests,
    failures: ctx.failures.map((f) => ({ image: f.key, message: f.message })),
    project: ctx.project,
    cache: ctx.cacheFile,
  }
  const lines = [...report.classes.map(classLine), { overall }]
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('')
}

const HEADER = ['truth', 'TP', 'FP', 'misses', 'P', 'R', 'F1', 'AP50', 'AP50:95', 'best F1 @ cut']

function row(name: string, m: ClassReport | OverallReport, best: string): string[] {
  return [
    name,
    String(m.truth),
    String(m.tp),
    String(m.fp),
    String(m.fn),
    fixed(m.precision),
    fixed(m.recall),
    fixed(m.f1),
    fixed(m.ap50),
    fixed(m.ap50to95),
    best,
  ]
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows
    .map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))))
    .map((r) => `  ${r.join('  ')}`.trimEnd())
    .join('\n')
}

const interval = (i: { low: number; high: number } | null): string =>
  i === null ? '' : ` (95%: ${i.low.toFixed(2)}-${i.high.toFixed(2)})`

/** The text report: what was scored, the table per class and overall, then what was left out. */
export function formatEvalText(score: LabCandidateScore, ctx: EvalContext): string {
  const { report, coverage } = score
  const lines = [
    `Scored ${ctx.model} on ${coverage.scored} of ${ctx.truthImages} truth images (${ctx.truth}), at the cut ${ctx.cut}, matching IoU ${ctx.iou}.`,
    '',
    table([
      ['class', ...HEADER],
      ...report.classes.map((c) =>
        row(
          c.className,
          c,
          c.bestF1 === null ? '–' : `${fixed(c.bestF1.f1)} @ ${c.bestF1.threshold.toFixed(3)}`,
        ),
      ),
      row('overall', report.overall, ''),
    ]),
    '',
  ]
  const few = report.classes.filter((c) => c.few && c.truth > 0)
  if (few.length > 0)
    lines.push(`Fewer than ${FEW_TRUTH_BOXES} true boxes, so read these with their uncertainty:`)
  for (const c of few) {
    lines.push(
      `  ${c.className} (${c.truth}): precision ${fixed(c.precision, 2)}${interval(c.precisionInterval)}, recall ${fixed(c.recall, 2)}${interval(c.recallInterval)}`,
    )
  }
  if (report.overall.rejectedAgain > 0) {
    lines.push(
      `Finds again ${report.overall.rejectedAgain} of the ${report.overall.rejected} suggestions a person rejected.`,
    )
  }
  if (coverage.missing > 0) {
    lines.push(
      `Not scored: ${coverage.missing} truth images have no answer (their requests failed; run again to retry them).`,
    )
  }
  for (const l of coverage.leftOut.slice(0, SHOWN)) lines.push(`  ${l.key}: ${l.reason}`)
  if (ctx.failures.length > 0) lines.push(`Failed requests (${ctx.requests.failed}):`)
  for (const f of ctx.failures.slice(0, SHOWN)) lines.push(`  ${f.key}: ${f.message}`)
  if (ctx.notes.length > 0) lines.push(`From the truth file (${ctx.notes.length}):`)
  for (const note of ctx.notes.slice(0, SHOWN)) lines.push(`  ${note}`)
  lines.push(
    `Requests: ${ctx.requests.answered} answered, ${ctx.requests.failed} failed, ${ctx.requests.cached} already in the cache (${ctx.cacheFile}).`,
  )
  return `${lines.join('\n')}\n`
}
