import { z } from "zod";
import { PLATFORMS } from "../../../shared/platforms";
import { pattern, selectorSchema } from "../ui/selector";

/**
 * What the agent knows about an app's screens, as data (tiktok.json, instagram.json):
 * which element to find on which screen, and the steps of each way of posting. A new app
 * version that moves a button needs a change here, not in the engine (docs/post-script.md).
 */
const selectors = z.array(selectorSchema).min(1);
const name = z.string().min(1).max(80);
/** Seconds to wait for a step's element; the engine's default is 15. */
const timeout = z.number().positive().max(300).optional();

const tapStep = z.strictObject({
  do: z.literal("tap"),
  name,
  find: selectors,
  timeout_s: timeout,
  /** Skipped when the element does not show up within its timeout (e.g. a tip shown once). */
  optional: z.boolean().optional(),
  /** Only when posting more than one item ("multiple") or exactly one ("single"). */
  only: z.enum(["single", "multiple"]).optional(),
  /** This tap publishes: from here on a failure may mean the post went out (never retried). */
  posts: z.boolean().optional(),
});

export const stepSchema = z.discriminatedUnion("do", [
  tapStep,
  /** Start the app from its launcher icon. */
  z.strictObject({ do: z.literal("launch"), name }),
  /** Hand the pushed media to the flow's share activity with a SEND intent. */
  z.strictObject({ do: z.literal("share"), name }),
  /** Tap the newest gallery items, one per pushed file (the gallery lists newest first). */
  z.strictObject({ do: z.literal("select_media"), name, item: selectors, timeout_s: timeout }),
  /** Type the caption's title or description into a field. */
  z.strictObject({
    do: z.literal("type"),
    name,
    field: z.enum(["title", "description"]),
    into: selectors,
    timeout_s: timeout,
    optional: z.boolean().optional(),
  }),
  /** Wait, up to the task's upload_wait_time, until `busy` is gone and `done` is showing. */
  z.strictObject({ do: z.literal("await_upload"), name, busy: selectors, done: selectors }),
]);

export const flowSchema = z.strictObject({
  name,
  /** Which posts this flow is for; an absent key matches any value. The first match is used. */
  when: z.strictObject({
    content: z.enum(["video", "images"]).optional(),
    post_way: z.enum(["share", "addButton"]).optional(),
    placement: z.enum(["reel", "story"]).optional(),
    media: z.enum(["single", "multiple"]).optional(),
  }),
  /** The activity a `share` step starts: a class name, prefixed with the package when it starts with ".". */
  share_activity: z.string().min(1).optional(),
  steps: z.array(stepSchema).min(1),
});

export const appDataSchema = z
  .strictObject({
    platform: z.enum(PLATFORMS),
    /** Known package names, the default first; an account may name a clone instead. */
    packages: z.array(z.string().regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/)).min(1),
    /** Dialogs that may cover any screen; tapped away whenever they show while a step waits. */
    popups: z.array(selectorSchema),
    account: z.strictObject({
      /** From the app's start screen to where the logged-in account's name shows. */
      open: z.array(tapStep).min(1),
      /** The element showing the name, and a pattern whose first group is the username. */
      current: z.strictObject({ find: selectors, pattern: pattern() }),
      /** From there to the row of another logged-in account; `{username}` is filled in. */
      switch: z.array(tapStep).min(1),
    }),
    flows: z.array(flowSchema).min(1),
  })
  .superRefine((app, ctx) => {
    app.flows.forEach((flow, index) => {
      const shares = flow.steps.some((step) => step.do === "share");
      if (shares && flow.share_activity === undefined) {
        ctx.addIssue({ code: "custom", path: ["flows", index, "share_activity"], message: `flow "${flow.name}" has a share step but no share_activity` });
      }
      if (!flow.steps.some((step) => step.do === "tap" && step.posts === true)) {
        ctx.addIssue({ code: "custom", path: ["flows", index, "steps"], message: `flow "${flow.name}" has no step with "posts": true` });
      }
    });
  });

export type AppData = z.output<typeof appDataSchema>;
export type Flow = z.output<typeof flowSchema>;
export type Step = z.output<typeof stepSchema>;
export type TapStep = z.output<typeof tapStep>;
