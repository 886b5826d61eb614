/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { Hono } from "hono";
import { ApiError } from "../http/api-error";
import { createTasks } from "../tasks/create";
import { readIdempotencyKey } from "../tasks/create/idempotency";
import { parseCreateRequest } from "../tasks/create/request";
import { objectQueues } from "../tasks/device-queues";
import { previewCaptions } from "./data/caption-preview";
import { postChoices, usernamesTagged } from "./data/post-choices";
import { CaptionPreview } from "./pages/caption-preview";
import { PostPage } from "./pages/post-page";
import { blankPostForm, postRequestOf, type PostForm, postFormOf } from "./post-form";
import type { WebEnv } from "./web-env";

/**
 * New post (behind the session): the form, its caption preview, and the create, which is
 * `POST /api/v1/task`'s own path (parseCreateRequest, createTasks, the phones' queues) with
 * `source: "ui"` and the form's key as its Idempotency-Key. A refusal re-renders the form as
 * typed with the API's message.
 */
export const postPages = new Hono<WebEnv>();

async function render(c: Context<WebEnv>, form: PostForm, error?: string) {
  const workspace = c.get("workspace");
  const choices = await postChoices(c.get("db"), workspace.id);
  const page = <PostPage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} choices={choices} form={form} preview={previewCaptions(form.captions, form.captionFormat)} error={error} />;
  return c.html(page, error === undefined ? 200 : 400);
}

postPages.get("/post", (c) => render(c, blankPostForm()));

postPages.get("/post/preview", (c) => {
  const format = c.req.query("caption_format") === "spintax" ? "spintax" : "multiline";
  return c.html(<CaptionPreview t={c.get("t")} posts={previewCaptions((c.req.query("captions") ?? "").slice(0, 4000), format)} />);
});

postPages.post("/post", async (c) => {
  const t = c.get("t");
  const form = postFormOf(await c.req.parseBody({ all: true }));
  const db = c.get("db");
  const workspace = c.get("workspace");
  // What the API would call a too-short list, said as the page's choices.
  if (form.target === "phones" && form.serials.length === 0) return render(c, form, t.post.pickPhones);
  if (form.target === "accounts" && form.usernames.length === 0) return render(c, form, t.post.pickAccounts);
  if (form.media === "chosen" && form.materials.length === 0) return render(c, form, t.post.pickFiles);
  const tagged = form.target === "tag" ? await usernamesTagged(db, workspace.id, form.accountTag) : [];
  if (form.target === "tag" && tagged.length === 0) return render(c, form, t.post.tagEmpty(form.accountTag));
  const body = postRequestOf(form, tagged);
  let created: Awaited<ReturnType<typeof createTasks>>;
  try {
    const request = parseCreateRequest(body);
    const idempotency = await readIdempotencyKey(form.requestKey, JSON.stringify(body));
    created = await createTasks(db, workspace, request, idempotency, c.env.TASK_SECRETS_KEY, "ui");
  } catch (error) {
    if (error instanceof ApiError) return render(c, form, error.message);
    throw error;
  }
  await objectQueues(c.env, db).enqueue(workspace.id, created.tasks);
  return c.redirect(`/tasks?source=ui&notice=${encodeURIComponent(t.post.created(created.answer.created_count))}`, 303);
});
