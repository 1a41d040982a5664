import { EXAMPLES_NOTE, KEY_SECTION, MODEL_SECTION, SERVER_SECTION } from './usage-sections'

/** `promptlabel annotate --help`. */
export function annotateUsageText(): string {
  return `Usage: promptlabel annotate <folder> --out <project-dir> (--server <url> | --profile <name>) --model <model> [options]

Labels every image in a folder (sub-folders too) with a model on a Roboflow Inference server, several
requests at a time. Results stream to the project folder as they arrive: results.jsonl (one line per
image) and one annotation file per image, which the Promptlabel app opens as a project. Run the same
command again after a crash or Ctrl-C and it resumes: images already done are not sent again.

Run
  -o, --out <dir>           The project folder (created when missing); one project per images folder.
  --concurrency <n>         Requests at once, 1-64. Default: the profile's (4).
  --only-new                Only images without results yet (e.g. added since the last run).
  --retry-failed            Only images whose last attempt failed.
  --export-coco <file>      After the run, write the results as a COCO JSON file. It is checked first
                            and not written if pycocotools, supervision or CVAT would reject it.
  --export-annotated <dir>  After the run, write copies of the images with their boxes drawn
                            (outside the images folder).
  --overwrite               Replace a non-empty --export-annotated folder.
  Exports hold the model's boxes (and any reviewed in the app) of every image with results; images
  that failed are left out rather than passed off as images with nothing in them.

${SERVER_SECTION}
${MODEL_SECTION}
Output
  On a terminal, one progress line redrawn in place (done, failed, left, images/s, ETA); elsewhere a
  progress line every 5 seconds (stderr). Then a summary on stdout, naming failed images with the
  reason (the first 20; all are in <project-dir>/results.jsonl).
  --json                  JSON lines on stdout: {"start":{...}}, {"progress":{...}} at most 4 a
                          second, then {"summary":{...}} with the counts, failures and exports.
  --verbose               Also log each step to stderr.

${KEY_SECTION}
Exit status
  0    every image succeeded
  2    some images failed (each is listed; run again with --retry-failed to try them again)
  1    usage error, or a problem before any image was sent (missing folder, --out is a project of
       another folder, server unreachable, API key rejected), or an export that was not written
  130  interrupted (Ctrl-C): requests in flight are cancelled, finished results are kept; run the
       same command again to resume

Examples
  promptlabel annotate photos/ --out photos-labels/ --server http://localhost:9001 --model grounding-dino --classes "helmet,person" --export-coco photos.json
  promptlabel annotate photos/ --out photos-labels/ --server http://localhost:9001 --model grounding-dino --classes "helmet,person" --only-new
  promptlabel annotate shots/ --out shots-labels/ --profile "Lab server" --model owlv2 --examples refs/coco.json --concurrency 8 --json

${EXAMPLES_NOTE}`
}

/** `promptlabel validate --help`. */
export function validateUsageText(): string {
  return `Usage: promptlabel validate <file.json> [--json]

Checks a COCO detection file the way Promptlabel checks its own exports before writing them, for
what makes pycocotools, supervision or CVAT reject or misread a file: unique non-zero annotation
ids, area and iscrowd on every annotation, info and licenses present, integer ids and sizes,
category ids from 1, relative file names, boxes inside their image, no synthetic categories.

  --json      Print the result object: {"ok","problems":[{"rule","path","message"}],"omitted"}.

Exit status
  0  OK: would load in pycocotools, supervision and CVAT
  2  problems found (each printed with where it is, what is wrong and the rule it breaks)
  1  the file cannot be read or is not JSON

Examples
  promptlabel validate dataset/annotations.json
  promptlabel validate export.json --json
`
}
