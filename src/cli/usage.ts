import { version } from '../../package.json'

export const CLI_VERSION: string = version

/** `promptlabel --help`: every flag, what it applies to, and examples to copy. */
export function usageText(): string {
  return `Usage: promptlabel detect <image>... (--server <url> | --profile <name>) --model <model> [options]

Finds objects in images with a model on a Roboflow Inference server and prints their boxes in
pixels of the image as displayed (EXIF orientation applied), top-left corner, width and height.

Server
  --server <url>          Inference server, e.g. http://localhost:9001. Repeat to spread the images
                          over several servers. Uses a throwaway profile: saved profiles are untouched.
  --profile <name>        A profile saved in the Promptlabel app (its name or id), with its API key
                          from the system keychain.
  --data-dir <dir>        The app's data folder, for --profile. Default: $PROMPTLABEL_DATA_DIR, else
                          ~/.config/Promptlabel (Linux), ~/Library/Application Support/Promptlabel
                          (macOS), %APPDATA%\\Promptlabel (Windows).

Model
  -m, --model <model>     grounding-dino | owlv2 | moondream2 | <project>/<version> (a hosted or
                          custom model, e.g. my-project/3)
  --classes <a,b>         Classes to find (grounding-dino, required; repeatable). For a hosted model,
                          only these classes are kept.
  --prompt <object>       One object to find (moondream2, required; repeat for more objects).
  --examples <coco.json>  Reference images with example boxes, as a COCO file (owlv2, required).
  --confidence <c>        Lowest confidence kept (owlv2, hosted): a fraction below 1 (0.5) or a
                          percent from 1 to 100 (50), as the server reads it, so 1 means 1%.
  --overlap <o>           Overlap (IoU) above which boxes are merged (hosted), same scale.
  --box-threshold <t>     0-1, default 0.35 (grounding-dino). Grounding DINO has no --confidence.
  --text-threshold <t>    0-1, default 0.25 (grounding-dino); keep it at or below the box threshold.
  --max-upload-side <px>  Shrink each upload so its longer side is at most this; 0 sends the full
                          image. Default: the profile's (1280). Boxes are always in full-size pixels.

Output
  --json                  One JSON line per image:
                          {"image","width","height","detections":[{"class","confidence","x","y","width","height"}]}
                          A failed image gives {"image","error":{"code","message","hint"}}.
  --verbose               Also log each step to stderr.
  -h, --help              Show this text.
  --version               Show the version.

API key
  ROBOFLOW_API_KEY        When set, this key is used (kept in memory only) instead of the profile's.
                          The key is never printed.

OwlV2 examples (COCO): category names are the class names; bbox is [left, top, width, height] in
pixels of the reference image as displayed; file_name is relative to the COCO file's folder (or
absolute); add "negative": true to an annotation to mark a counter-example.

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
