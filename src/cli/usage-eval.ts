import { EXAMPLES_NOTE, KEY_SECTION, MODEL_SECTION, SERVER_SECTION } from './usage-sections'

/** `promptlabel eval --help`. */
export function evalUsageText(): string {
  return `Usage: promptlabel eval <folder> (--server <url> | --profile <name>) --model <model> [options]

Measures how good a prompt is, with the app's prompt lab: the model is asked once per truth image at
a low threshold, every answer is kept in the project's cache, and the boxes are scored against the
truth at the cut the model flags give (--box-threshold, --confidence) and the matching IoU. The truth
is the project's reviewed images (their kept boxes are true objects, rejected suggestions known false
positives, an image confirmed empty has none), or a COCO file. Run it again at another cut or IoU
and nothing is sent: only a new prompt or a new image costs a request. An OwlV2 reference image is
never scored with its own examples (only with the other references, or not at all).

Truth
  -o, --out <dir>           The project folder (as annotate --out makes). Without it, the app's own
                            project for the folder, in its data folder (--data-dir, else
                            $PROMPTLABEL_DATA_DIR, else the app's default).
  --truth <coco.json>       Score against a COCO file instead (e.g. a held-out set labelled
                            elsewhere): file names are matched to the folder's images as import
                            matches them, boxes are [x, y, width, height] in pixels of the image as
                            the file says (its size is checked against the image's, EXIF rotation
                            applied). Every box is a true object. The cache still lives in the
                            project, which is created when missing.
  --iou <t>                 Matching IoU for true positives, above 0 and at most 1 (default 0.5).
                            AP50:95 always averages IoU 0.50 to 0.95, as COCO's evaluation does.
  --concurrency <n>         Requests at once, 1-64. Default: the profile's.

${SERVER_SECTION}
${MODEL_SECTION}
Output
  A table per class and overall: true boxes, true positives, false positives, misses, precision,
  recall and F1 at the cut, AP50 and AP50:95 (COCO's definition, every box whatever the cut) and the
  best F1 with the cut it is at; classes with fewer than 5 true boxes are listed with 95% intervals.
  Every class of the truth is scored, so one the prompt does not ask for is all misses. Then what was
  not scored, failed requests, and how many answers came from the cache. Progress goes to stderr.
  --json                    One JSON line per class {"class","truth","tp","fp","misses","precision",
                            "recall","f1","ap50","ap50to95","rejectedAgain","few","cut","bestF1"},
                            then {"overall":{..., "iou","images","leftOut","requests","failures"}}.

${KEY_SECTION}
Exit status
  0    every truth image was scored
  2    some were not: their requests failed (each is listed; run again to retry only those)
  1    usage error, or nothing to score: no project or no reviewed image, a --truth file that
       matches no image of the folder, server unreachable, API key rejected
  130  interrupted (Ctrl-C): the answers so far are kept; run again to send only the rest

Examples
  promptlabel eval photos/ --server http://localhost:9001 --model grounding-dino --classes "helmet,person" --box-threshold 0.3
  promptlabel eval photos/ --out photos-labels/ --server http://localhost:9001 --model owlv2 --examples refs/coco.json --json
  promptlabel eval held-out/ --truth held-out.json --profile "Lab server" --model my-project/3 --confidence 50

${EXAMPLES_NOTE}`
}
