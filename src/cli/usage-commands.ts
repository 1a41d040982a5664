import { EXAMPLES_NOTE, KEY_SECTION, MODEL_SECTION, SERVER_SECTION } from './usage-sections'

/** `promptlabel annotate --help`. */
export function annotateUsageText(): string {
  return `Usage: promptlabel annotate <folder> --out <project-dir> (--server <url> | --profile <name>) --model <model> [options]

Labels every image in a folder (sub-folders too) with a model on a Roboflow Inference server, several
requests at a time. Results stream to the project folder as they arrive: results.jsonl (one line per
image) and one annotation file per image, which the Promptlabel app opens as a project. Run the same
command again after a crash or Ctrl-C and it resumes: images already done are not sent again.
Images that failed for a reason that can pass (a server error or busy server, a timeout, a lost
connection) are tried again at the end, up to twice, after a pause of 5 s and then 20 s, fewer at a
time; bad files and refused requests are not.

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
  progress line every 5 seconds (stderr). Then a summary on stdout: images recovered on a later
  pass, then failed images by name with the reason, those that failed every try apart from bad
  files (the first 20; all are in <project-dir>/results.jsonl).
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

/** `promptlabel import --help`. */
export function importUsageText(): string {
  return `Usage: promptlabel import <folder> (--coco <file.json> | --yolo <dataset>) [--out <project-dir> | --data-dir <dir>] [--replace] [--dry-run] [--json]

Imports boxes made with another tool into the project of a folder of images, so the work goes on in
the Promptlabel app or with promptlabel annotate. Each entry is matched to an image of the folder
(sub-folders too) and its size checked; classes the project lacks are added. No server, profile or
API key is needed.

Source (one of)
  --coco <file.json>        A COCO detection file. A file_name is matched to an image's path inside
                            the folder, the end of that path, or a file name found once. Boxes with
                            a "score" come in as suggestions to review, the others as labels.
  --yolo <dataset>          A YOLO dataset: its folder (with labels/ and data.yaml), its labels
                            folder, or its data.yaml (classes.txt works too). labels/sub/a.txt
                            belongs to the image sub/a.jpg (labels/train/ also fits images/train/).

Project
  -o, --out <dir>           A project folder, as annotate --out makes (created when missing; it must
                            belong to this images folder). Nothing outside it is written.
  --data-dir <dir>          Without --out, the import goes into the app's own project for the folder,
                            kept in its data folder: --data-dir, else $PROMPTLABEL_DATA_DIR, else
                            ~/.config/Promptlabel (Linux), ~/Library/Application Support/Promptlabel
                            (macOS), %APPDATA%\\Promptlabel (Windows). If the app is running with
                            that folder open, import from the app instead (Import… in the project
                            bar), or quit it first: it shows the new boxes once started again.

Import
  --replace                 An image's boxes are replaced by the file's. Without it they are merged:
                            the project's boxes stay, a box already there (same class, same place)
                            is not added twice, and a pending suggestion the file labels is replaced.
  --dry-run                 Read and match everything, write nothing (no project is created): the
                            summary says what the import would do.

Output
  A summary on stdout: images matched and changed, labels and suggestions added, boxes already there
  (not added again), boxes replaced, new classes, YOLO images without a label file, then the images
  and boxes skipped, the boxes clamped to their image and the images whose size in the file differs
  (boxes scaled), each with where and why (the first 20 of each kind; --json keeps 100). On a
  terminal, a progress line on stderr.
  --json                    Print the import report as one JSON object instead:
                            {"format","source","dryRun","cancelled","matchedImages","changedImages",
                            "labels","suggestions","duplicates","replaced","newClasses","classes",
                            "skippedImages","skippedBoxes","clamped","rescaled","unlabelled",
                            "firstKey"}; each kind of note is {"total","items":[{"where","message"}]}.

Exit status
  0    imported (with --dry-run: nothing written, the summary says what would be)
  2    nothing matched: no entry of the file (or label file) belongs to an image of the folder
  1    usage error, or the import could not run: missing folder or file, not JSON, not a COCO
       detection file, no data.yaml or classes.txt, --out is a project of another folder
  130  interrupted (Ctrl-C): images written so far keep their boxes; run again for the rest

Examples
  promptlabel import photos/ --coco instances_default.json --dry-run
  promptlabel import photos/ --coco instances_default.json --out photos-labels/
  promptlabel import dataset/images/train --yolo dataset/ --replace --json
`
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
