/** @jsxImportSource hono/jsx */
import type { PreviewPost } from "../data/caption-preview";
import type { Messages } from "../i18n/messages";

/** The first posts' TikTok title and description, as the agent will type them. */
export function CaptionPreview({ t, posts }: { t: Messages; posts: PreviewPost[] }) {
  const p = t.post;
  return (
    <>
      <h3>{p.preview}</h3>
      {posts.length === 0 ? (
        <p class="hint">{p.previewEmpty}</p>
      ) : (
        <ol class="preview">
          {posts.map((post, i) => (
            <li data-post={i + 1}>
              <span class="hint">{p.previewPost(i + 1)}</span>
              <dl class="fields">
                <dt>{p.previewTitle}</dt>
                <dd data-part="title">{post.title === "" ? "—" : post.title}</dd>
                <dt>{p.previewDescription}</dt>
                <dd data-part="description" class="multiline">
                  {post.description === "" ? "—" : post.description}
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
      <p class="hint">{p.previewInstagram}</p>
    </>
  );
}
