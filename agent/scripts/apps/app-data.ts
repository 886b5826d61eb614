import { z } from "zod";
import { androidPackageSchema } from "../../../shared/android-package";
import { PLATFORMS } from "../../../shared/platforms";
import { pattern, selectorSchema } from "../ui/selector";

/**
 * What the agent knows about an app's screens, as data (tiktok.json, instagram.json, and
 * android.json for the system's own dialogs): which element to find on which screen, and
 * the steps of each way of posting. A new app version that moves a button needs a change
 * here, not in the engine (docs/post-script.md).
 */
const selectors = z.array(selectorSchema).min(1);
const name = z.string().min(1).max(80);
/** Seconds to wait for a step's element; the engine's default is 15 (longer on a slow phone, see ScreenWalker). */
const timeout = z.number().positive().max(300).optional();
/** The step waits for a sound to load: its wait is the task's sound_wait_time, never less than its own. */
const soundWait = z.literal(true).optional();

/**
 * What a task asks of a post beyond posting it, as the post script reads its config
 * (scripts/post/post-options.ts). A step with `if` runs only when the task asks for one of the
 * conditions it names; without `if` it always runs.
 */
export const STEP_CONDITIONS = [
  /** post_way "useSound" with a TikTok link: open the sound's page and use it. */
  "sound_link",
  /** post_way "useSound" with a name: find the sound with the app's search and use it. */
  "sound_search",
  /** add_sound "0": no sound but the video's own. */
  "remove_sound",
  /** add_sound "1": a sound the app recommends. */
  "recommended_sound",
  /** add_sound "custom" with a link: the sound's page, to favourite it; then the favourite in the editor. */
  "custom_sound_link",
  /** add_sound "custom" with a name: the editor's sound search. */
  "custom_sound_search",
  /** A sound is to be picked in the editor (recommended_sound or either custom). */
  "pick_sound",
  /** origin_sound_volume or add_sound_volume is not the slider's middle (50). */
  "volume",
  /** add_product_link 1: the showcase's first product. */
  "product_link",
  /** ai_label: the app's AI-generated content label switched on. */
  "ai_label",
  /** follow / unfollow with access_method "direct": the profile opened by its URL. */
  "direct",
  /** follow / unfollow with access_method "search": the profile found with the app's search. */
  "search",
  /** A comment with comment_image_path: the image attached before sending. */
  "comment_image",
] as const;
export type StepCondition = (typeof STEP_CONDITIONS)[number];
const condition = z.union([z.enum(STEP_CONDITIONS), z.array(z.enum(STEP_CONDITIONS)).min(1)]).optional();
/**
 * A text with placeholders the task fills in: `{sound}` (a post's sound, a name or a link),
 * `{user}` (the username followed), `{url}` (the post commented on), `{comment}` (the comment).
 */
const filled = z.string().min(1).max(200);

/**
 * How a script ends early when a screen shows it: `done` (nothing left to do, e.g. already
 * following) or a failure that is final (the user does not exist). `remark` is filled like a text.
 */
export const STEP_ENDS = ["done", "target_not_found"] as const;
export type StepEnd = (typeof STEP_ENDS)[number];
const end = z.strictObject({ outcome: z.enum(STEP_ENDS), remark: filled });

/** A dialog that may cover any screen: tapped away whenever it shows while a step waits. */
export const popupSchema = z.strictObject({
  /** What to tap, best first. */
  tap: selectors,
  /** Only while this shows: for a dialog known by its words whose buttons other screens have too. */
  when: selectorSchema.optional(),
});

/** How a profile's posts are counted: a number it shows ("14"), or how many of its posts are on screen. */
const postCount = z.union([z.strictObject({ number: selectors }), z.strictObject({ items: selectors })]);

const tapStep = z.strictObject({
  do: z.literal("tap"),
  name,
  if: condition,
  find: selectors,
  timeout_s: timeout,
  sound_wait: soundWait,
  /** Where in the element to tap, as fractions of its width and height (default its centre): a row's ✓ drawn without a node of its own. */
  point: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
  /** A list to scroll (swipes up within it, at most 5) while the element is not on screen yet. */
  scroll: selectors.optional(),
  /** Skipped when the element does not show up within its timeout (e.g. a tip shown once). */
  optional: z.boolean().optional(),
  /** Only when posting more than one item ("multiple") or exactly one ("single"). */
  only: z.enum(["single", "multiple"]).optional(),
  /** This tap publishes: from here on a failure may mean the post went out (never retried). */
  posts: z.boolean().optional(),
  /** A confirmation some builds ask right after this tap ("Publish now"): tapped when it shows. */
  confirm: selectors.optional(),
  /**
   * Tap again (at most 3 times) until this shows: a build may put one more screen in the way
   * (a trim screen before the editor); already showing, nothing is tapped. On a `posts` tap it
   * is what shows once the tap took (the comment sent), never a reason to tap again.
   */
  until: selectors.optional(),
});

/** Wait until an element shows (and, with `gone`, another does not): a check that a step took, its text logged. */
const waitStep = z
  .strictObject({ do: z.literal("wait"), name, if: condition, for: selectors.optional(), gone: selectors.optional(), timeout_s: timeout, sound_wait: soundWait })
  .refine((step) => step.for !== undefined || step.gone !== undefined, { message: "a wait step needs `for` or `gone`" });

/**
 * A person's pause: a random time between `min_s` and `max_s` (looking at a profile before
 * following, reading before commenting), so no two runs keep the same rhythm.
 */
const pauseStep = z
  .strictObject({ do: z.literal("pause"), name, if: condition, min_s: z.number().min(0).max(120), max_s: z.number().min(0).max(120) })
  .refine((step) => step.min_s <= step.max_s, { message: "min_s must not be greater than max_s" });

const fraction = z.number().min(0).max(1);

/**
 * A finger drawn across the screen (or across `within`, an element such as the feed's pager):
 * from `from` to `to`, fractions of that area, each point moved at random by up to `jitter` and
 * the drag lasting a random time within `duration_ms`, so no two swipes are alike.
 */
const swipeStep = z.strictObject({
  do: z.literal("swipe"),
  name,
  if: condition,
  within: selectors.optional(),
  from: z.tuple([fraction, fraction]),
  to: z.tuple([fraction, fraction]),
  jitter: z.number().min(0).max(0.2).default(0.04),
  duration_ms: z.tuple([z.number().int().min(50).max(3000), z.number().int().min(50).max(3000)]).default([220, 480]),
});

/** Steps that flows and parts share; an `include` step runs a part's steps in its place. */
const sharedSteps = [
  tapStep,
  /**
   * Builds (and accounts in an experiment) reach the same screen differently: the first way
   * whose `when` shows is taken (Instagram's Create is a tab in some, on the profile in others).
   */
  z.strictObject({
    do: z.literal("either"),
    name,
    if: condition,
    /** A way's steps run in order; a way with `end` ends the script there (after its steps). */
    ways: z.array(z.strictObject({ when: selectors, steps: z.array(z.union([tapStep, waitStep, pauseStep])).default([]), end: end.optional() })).min(2),
    timeout_s: timeout,
  }),
  /** Start the app from its launcher icon, and wait (30 s) until `until` shows, pop-ups tapped away. */
  z.strictObject({ do: z.literal("launch"), name, if: condition, until: selectors.optional() }),
  /** Hand the pushed media to the flow's share activity with a SEND intent. */
  z.strictObject({ do: z.literal("share"), name, if: condition }),
  /**
   * Pick the pushed files in the app's gallery. Galleries list newest first, and ours are the
   * newest, so the first N items are ours; they are picked oldest first to keep the order.
   */
  z.strictObject({
    do: z.literal("select_media"),
    name,
    if: condition,
    /** The gallery's items (the cells a tap picks or opens). */
    item: selectors,
    /** Inside an item, what picks it once several can be picked (a corner circle); default the item. */
    pick: selectors.optional(),
    /** Inside an item (or the item itself), what shows it is picked; a number in it is its place. */
    selected: selectors.optional(),
    /** How several are picked: the switch, and what shows it is on. */
    multiple: z.strictObject({ toggle: selectors, on: selectors }).optional(),
    timeout_s: timeout,
  }),
  /**
   * Type the caption: the description field decides that the screen is there; a title field
   * on the same screen takes TikTok's `Title##Description` title, else the title leads the
   * description. Each field is read back after typing.
   */
  z.strictObject({
    do: z.literal("caption"),
    name,
    if: condition,
    description: selectors,
    title: selectors.optional(),
    /** Closes a caption editor after typing (Instagram's full-screen editor: OK). */
    done: selectors.optional(),
    timeout_s: timeout,
  }),
  /**
   * Wait, up to the task's upload_wait_time, for the upload: `busy` shows while it runs;
   * `posted` is the app saying it is out, `failed` that it is not; `idle` is a screen that
   * shows once the app is back from publishing.
   */
  z.strictObject({
    do: z.literal("await_upload"),
    name,
    if: condition,
    busy: selectors,
    idle: selectors,
    posted: selectors.optional(),
    failed: selectors.optional(),
  }),
  /** Remember how many posts the profile shows, so `confirm` can see one more. */
  z.strictObject({ do: z.literal("note_posts"), name, if: condition, open: z.array(tapStep).min(1), count: postCount }),
  /**
   * Confirm the post from the app's profile: its caption shown there, one post more than
   * `note_posts` saw, or its newest post opening with the caption typed.
   */
  z
    .strictObject({
      do: z.literal("confirm"),
      name,
      if: condition,
      open: z.array(tapStep).min(1),
      count: postCount.optional(),
      newest: selectors.optional(),
      caption: selectors.optional(),
    })
    .refine((step) => step.count !== undefined || (step.newest !== undefined && step.caption !== undefined), {
      message: "a confirm step needs a count, or the newest post and its caption",
    }),
  waitStep,
  pauseStep,
  swipeStep,
  /** Press BACK (the keyboard hidden first) until `until` shows, at most 3 times; nothing when it already does. */
  z.strictObject({ do: z.literal("back"), name, if: condition, until: selectors, timeout_s: timeout }),
  /** Type text (`{sound}`) into a field, read it back, then tap `submit` or press ENTER ("enter"). */
  z.strictObject({
    do: z.literal("type"),
    name,
    if: condition,
    into: selectors,
    text: filled,
    submit: z.union([selectors, z.literal("enter")]).optional(),
    timeout_s: timeout,
  }),
  /** Open a link (`{sound}`) in the app with a VIEW intent, and wait for `until` (sending it again, at most 3 times). */
  z.strictObject({ do: z.literal("open_link"), name, if: condition, url: filled, until: selectors, timeout_s: timeout, sound_wait: soundWait }),
  /**
   * Set a slider (a SeekBar) to the task's value in percent of its range, by a tap at that place
   * of its track (AbsSeekBar takes a tap's x); nothing when the value is the middle (50), where
   * the app starts it. A disabled slider fails the step.
   */
  z.strictObject({
    do: z.literal("slider"),
    name,
    if: condition,
    find: selectors,
    value: z.enum(["origin_sound_volume", "add_sound_volume"]),
    timeout_s: timeout,
  }),
  /** Switch a toggle on (nothing when it is on), answer the app's confirmation, and see it on. */
  z.strictObject({
    do: z.literal("switch_on"),
    name,
    if: condition,
    find: selectors,
    confirm: selectors.optional(),
    scroll: selectors.optional(),
    timeout_s: timeout,
  }),
] as const;

export const stepSchema = z.discriminatedUnion("do", sharedSteps);

/** The states of an account a person must handle; each ends a task with its own failure code. */
export const ACCOUNT_STATES = ["logged_out", "verification", "restricted", "banned"] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** A flow's step: one of the shared ones, or an `include` of a part (a part cannot include another). */
const flowStepSchema = z.discriminatedUnion("do", [
  ...sharedSteps,
  z.strictObject({ do: z.literal("include"), name, if: condition, part: z.string().min(1) }),
]);

export const flowSchema = z.strictObject({
  name,
  /** Which posts this flow is for; an absent key matches any value. The first match is used. */
  when: z.strictObject({
    content: z.enum(["video", "images"]).optional(),
    post_way: z.enum(["share", "addButton", "useSound"]).optional(),
    placement: z.enum(["reel", "story"]).optional(),
    media: z.enum(["single", "multiple"]).optional(),
  }),
  /** The activity a `share` step starts: a class name, prefixed with the package when it starts with ".". */
  share_activity: z.string().min(1).optional(),
  steps: z.array(flowStepSchema).min(1),
});

/** What a post may need the app to hold; granted with `pm grant` before the app is started. */
export const GRANTS = ["photos", "camera", "microphone", "notifications"] as const;

export const appDataSchema = z
  .strictObject({
    platform: z.enum(PLATFORMS),
    /** Known package names, the default first; an account may name a clone instead. */
    packages: z.array(androidPackageSchema).min(1),
    grant: z.array(z.enum(GRANTS)),
    /** Where a tap pauses a playing video, so uiautomator gets an idle moment (fractions of the screen). */
    pause_video: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
    /** Resource ids per build ("major.minor" → name → id), for selectors' `ref`. */
    builds: z.record(z.string().regex(/^\d+\.\d+$/), z.record(z.string().min(1), z.string().min(1))),
    popups: z.array(popupSchema),
    /** Steps several flows share (a sound in the editor, the post screen's options), run by `include`. */
    parts: z.record(z.string().min(1), z.array(stepSchema).min(1)).default({}),
    account: z.strictObject({
      /** From the app's start screen to where the logged-in account's name shows. */
      open: z.array(tapStep).min(1),
      /** The element showing the name, and a pattern whose first group is the username. */
      current: z.strictObject({ find: selectors, pattern: pattern() }),
      /** From there to the row of another logged-in account; `{username}` (wanted) and `{current}` are filled in. */
      switch: z.array(tapStep).min(1),
    }),
    flows: z.array(flowSchema).min(1),
    /**
     * Screens a person must handle (logged out, a captcha, a restriction, a ban): seen while any
     * step waits, they end the task with their own failure code, and the account is marked.
     */
    account_states: z.array(z.strictObject({ state: z.enum(ACCOUNT_STATES), when: selectors })).default([]),
    /** The steps of the scripts that act on other people: `{user}` or `{url}` / `{comment}` filled in. */
    scripts: z.strictObject({
      follow: z.array(flowStepSchema).min(1),
      unfollow: z.array(flowStepSchema).min(1),
      comment: z.array(flowStepSchema).min(1),
      /**
       * account_warmup: reach the videos (`feed`, or `topic` with `{topic}` searched), then per
       * video maybe `like`, `follow`, `save`, `comment` (`{comment}`), and `next`. An action whose
       * steps end "done" had nothing to do (already liked). A video matching `skip` (an ad, a
       * LIVE) is only watched past. `caption` is the element whose words are the video's caption
       * (for a ChatGPT comment); none found, the comment is asked for without one.
       */
      warmup: z.strictObject({
        feed: z.array(flowStepSchema).min(1),
        topic: z.array(flowStepSchema).min(1),
        like: z.array(flowStepSchema).min(1),
        follow: z.array(flowStepSchema).min(1),
        save: z.array(flowStepSchema).min(1),
        comment: z.array(flowStepSchema).min(1),
        next: z.array(flowStepSchema).min(1),
        skip: selectors,
        caption: z.array(selectorSchema).default([]),
      }),
    }),
  })
  .superRefine((app, ctx) => {
    const { warmup, ...lists } = app.scripts;
    const { skip: _skip, caption: _caption, ...warmupLists } = warmup;
    const scriptSteps = { ...lists, ...Object.fromEntries(Object.entries(warmupLists).map(([key, steps]) => [`warmup.${key}`, steps])) };
    for (const [script, steps] of Object.entries(scriptSteps)) {
      steps.forEach((step, at) => {
        if (step.do === "include" && !Object.hasOwn(app.parts, step.part)) {
          ctx.addIssue({ code: "custom", path: ["scripts", script, at, "part"], message: `script "${script}" includes part "${step.part}", which "parts" does not have` });
        }
      });
      const own = flatSteps({ steps }, app.parts).find((step) => POST_ONLY_STEPS.has(step.do));
      if (own !== undefined) ctx.addIssue({ code: "custom", path: ["scripts", script], message: `script "${script}" has a "${own.do}" step ("${own.name}"), which only a post's flow can run` });
    }
    app.flows.forEach((flow, index) => {
      flow.steps.forEach((step, at) => {
        if (step.do === "include" && !Object.hasOwn(app.parts, step.part)) {
          ctx.addIssue({ code: "custom", path: ["flows", index, "steps", at, "part"], message: `flow "${flow.name}" includes part "${step.part}", which "parts" does not have` });
        }
      });
      const steps = flatSteps(flow, app.parts);
      if (steps.some((step) => step.do === "share") && flow.share_activity === undefined) {
        ctx.addIssue({ code: "custom", path: ["flows", index, "share_activity"], message: `flow "${flow.name}" has a share step but no share_activity` });
      }
      if (!steps.some((step) => step.do === "tap" && step.posts === true)) {
        ctx.addIssue({ code: "custom", path: ["flows", index, "steps"], message: `flow "${flow.name}" has no step with "posts": true` });
      }
    });
  });

/** The steps only a post's flow runs (they work on its media, caption and upload). */
const POST_ONLY_STEPS: ReadonlySet<string> = new Set(["share", "select_media", "caption", "await_upload", "note_posts", "confirm", "slider"]);

/** A flow's steps with its includes replaced by the parts' steps (for checks; the engine runs includes in place). */
export function flatSteps(flow: Pick<Flow, "steps">, parts: Readonly<Record<string, readonly Step[]>>): Step[] {
  return flow.steps.flatMap((step) => (step.do === "include" ? [...(parts[step.part] ?? [])] : [step]));
}

/** The phone's own dialogs (android.json): every app meets them. */
export const systemDataSchema = z.strictObject({ popups: z.array(popupSchema) });

export type AppData = z.output<typeof appDataSchema>;
export type SystemData = z.output<typeof systemDataSchema>;
export type Popup = z.output<typeof popupSchema>;
export type Flow = z.output<typeof flowSchema>;
export type Step = z.output<typeof stepSchema>;
export type FlowStep = z.output<typeof flowStepSchema>;
export type TapStep = z.output<typeof tapStep>;
export type Grant = (typeof GRANTS)[number];
