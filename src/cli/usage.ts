import { version } from '../../package.json'
import type { HelpTopic } from './args'
import { annotateUsageText, importUsageText, validateUsageText } from './usage-commands'
import { evalUsageText } from './usage-eval'
import { EXAMPLES_NOTE, KEY_SECTION, MODEL_SECTION, SERVER_SECTION } from './usage-sections'

export const CLI_VERSION: string = version

/** Help for a command that has its own text; without one, the overview with detect in full. */
export function usageText(topic?: HelpTopic): string {
  if (topic === 'annotate') return annotateUsageText()
  if (topic === 'import') return importUsageText()
  if (topic === 'eval') return evalUsageText()
  if (topic === 'validate') return validateUsageText()
  return `Usage: promptlabel <command> [options]

Commands
  detect <image>...              Find objects in images and print their boxes (below).
  annotate <folder> --out <dir>  Label a whole folder into a project that resumes after a stop, and
                                 export it (COCO, annotated images): promptlabel annotate --help
  import <folder> --coco <file>  Bring a COCO file (or a YOLO dataset, --yolo) made with another tool
                                 into the folder's project: promptlabel import --help
  eval <folder> --model <model>  Score a prompt against the reviewed images (or a COCO file): per
                                 class TP, FP, misses, P, R, F1, AP50, AP50:95: promptlabel eval --help
  validate <coco.json>           Check that a COCO file would load in pycocotools, supervision and
                                 CVAT: promptlabel validate --help

Usage: promptlabel detect <image>... (--server <url> | --profile <name>) --model <model> [options]

Finds objects in images with a model on a Roboflow Inference server and prints their boxes in
pixels of the image as displayed (EXIF orientation applied), top-left corner, width and height.

${SERVER_SECTION}
${MODEL_SECTION}
Output
  --json                  One JSON line per image:
                          {"image","width","height","detections":[{"class","confidence","x","y","width","height"}]}
                          A failed image gives {"image","error":{"code","message","hint"}}.
  --verbose               Also log each step to stderr.
  -h, --help              Show this text (promptlabel <command> --help for a command's own).
  --version               Show the version.

${KEY_SECTION}
${EXAMPLES_NOTE}
Exit status
  0  every image succeeded
  2  one or more images failed (each is reported, the others still run). A server-wide problem
     (server unreachable, API key missing or rejected, model or route unavailable) stops sending the
     remaining images, which are reported as failed.
  1  usage error, or a problem before any image was sent (unknown profile, bad examples file)
  130  interrupted (Ctrl-C): running requests are cancelled

Examples
  promptlabel detect photo.jpg --server http://localhost:9001 --model grounding-dino --classes "dog,cat"
  promptlabel detect shots/*.jpg --profile "Lab server" --model owlv2 --examples refs/coco.json --confidence 0.99 --json
  promptlabel detect street.jpg --server http://localhost:9001 --model moondream2 --prompt "red car" --prompt bicycle
  ROBOFLOW_API_KEY=*** promptlabel detect a.jpg --server https://serverless.roboflow.com --model my-project/3 --classes helmet --confidence 50
`
}
