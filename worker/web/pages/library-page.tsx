/** @jsxImportSource hono/jsx */
import { type LibraryItem, type LibraryQuery, libraryHref } from "../data/library-list";
import type { Messages } from "../i18n/messages";
import { CSRF_FIELD } from "../session/csrf";
import { Choice } from "./choice";
import { Layout } from "./layout";
import { MaterialCard } from "./material-card";
import { UploadForm } from "./upload-form";

interface LibraryProps {
  t: Messages;
  csrf: string;
  workspace: { name: string };
  query: LibraryQuery;
  items: LibraryItem[];
  hasMore: boolean;
  notice: string | undefined;
}

/**
 * The material library: upload from this device, then the materials newest first with their
 * pictures, tags and whether a post used them, filtered by tag, type and use. A used one can
 * be put back in the pool; deleting asks once more (a tap on a phone is easily a slip). Not
 * refreshed by itself: an upload in progress lives on this page.
 */
export function LibraryPage({ t, csrf, workspace, query, items, hasMore, notice }: LibraryProps) {
  const l = t.library;
  const { tag, type, used } = query.filters;
  return (
    <Layout t={t} title={l.title} session={{ csrf, section: "library", workspace: workspace.name }} notice={notice} live={false}>
      <details class="card" open={items.length === 0}>
        <summary>{l.upload.title}</summary>
        <UploadForm t={t} csrf={csrf} withCaption={true} />
      </details>
      <form method="get" action="/library" class="filters">
        <label>
          {l.tag}
          <input name="tag" value={tag ?? ""} autocomplete="off" />
        </label>
        <Choice label={l.type} name="type" any={t.filter.any} chosen={type} options={[["video", l.video], ["image", l.image]]} />
        <Choice label={l.usedFilter} name="used" any={t.filter.any} chosen={used === undefined ? undefined : used ? "1" : "0"} options={[["0", l.unused], ["1", l.used]]} />
        <button type="submit">{t.filter.apply}</button>
      </form>
      <div id="library-list">
      {items.length === 0 ? (
        <p>{l.empty}</p>
      ) : (
        <ul class="materials" id="materials">
          {items.map((item) => (
            <MaterialCard t={t} item={item}>
              <div class="actions">
                {item.material.usedAt !== null && (
                  <form method="post" action={`/library/${item.material.id}/unused`}>
                    <input type="hidden" name={CSRF_FIELD} value={csrf} />
                    <button type="submit" class="quiet">
                      {l.putBack}
                    </button>
                  </form>
                )}
                <details class="confirm">
                  <summary>{l.delete}</summary>
                  <form method="post" action={`/library/${item.material.id}/delete`}>
                    <input type="hidden" name={CSRF_FIELD} value={csrf} />
                    <button type="submit" class="danger">
                      {l.delete}
                    </button>
                  </form>
                </details>
              </div>
            </MaterialCard>
          ))}
        </ul>
      )}
      {hasMore && (
        <a href={libraryHref(query, query.page + 1)} class="more" data-more="materials">
          {l.more}
        </a>
      )}
      </div>
    </Layout>
  );
}
