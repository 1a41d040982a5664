/** Help sections that detect and annotate share: where the server comes from, the model, the key. */

export const SERVER_SECTION = `Server
  --server <url>          Inference server, e.g. http://localhost:9001. Repeat to spread the images
                          over several servers. Uses a throwaway profile: saved profiles are untouched.
  --profile <name>        A profile saved in the Promptlabel app (its name or id), with its API key
                          from the system keychain.
  --data-dir <dir>        The app's data folder, for --profile. Default: $PROMPTLABEL_DATA_DIR, else
                          ~/.config/Promptlabel (Linux), ~/Library/Application Support/Promptlabel
                          (macOS), %APPDATA%\\Promptlabel (Windows).
  --timeout <seconds>     Per-request timeout, with --server (1-1800, default 120): a request with no
                          answer by then fails. A saved profile keeps its own (set it in the app).
`

export const MODEL_SECTION = `Model
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
                          image. Default: the profile's (1024). Boxes are always in full-size pixels.
`

export const KEY_SECTION = `API key
  ROBOFLOW_API_KEY        When set, this key is used (kept in memory only) instead of the profile's.
                          The key is never printed.
`

export const EXAMPLES_NOTE = `OwlV2 examples (COCO): category names are the class names; bbox is [left, top, width, height] in
pixels of the reference image as displayed; file_name is relative to the COCO file's folder (or
absolute); add "negative": true to an annotation to mark a counter-example.
`
