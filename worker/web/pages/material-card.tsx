/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { formatBytes } from "../../../shared/format-bytes";
import type { Material } from "../../db/schema";
import type { LibraryItem } from "../data/library-list";
import type { Messages } from "../i18n/messages";


/** The card's picture: the thumbnail (or an image itself); a video uploaded without one shows its type. */
export function MaterialPicture({ t, material }: { t: Messages; material: Material }) {
  if (material.thumbnailKey === null && material.mediaType === "video") return <span class="pic none">{t.library.noPicture}</span>;
  return <img class="pic" src={`/library/${material.id}/thumbnail`} alt="" loading="lazy" decoding="async" width="96" height="128" />;
}

/** What a material is, in a line: type, size, used or not (and by whom), tags. */
export function materialSummary(t: Messages, { material, tags }: LibraryItem): string {
  const use = material.claimedByTaskId !== null ? t.library.heldBy(material.claimedByTaskId) : material.usedAt === null ? t.library.unused : material.usedByUsername ? t.library.usedBy(`@${material.usedByUsername}`) : t.library.used;
  return [material.mediaType === "video" ? t.library.video : t.library.image, formatBytes(material.size), use, ...tags.map((tag) => `#${tag}`)].join(" · ");
}

/** One material: its picture, name and summary, then what the page puts beside it (actions, or a box to pick it). */
export function MaterialCard({ t, item, children }: { t: Messages; item: LibraryItem; children?: Child }) {
  const { material } = item;
  return (
    <li class="card material" data-material={material.id} data-used={material.usedAt === null ? "0" : "1"}>
      <MaterialPicture t={t} material={material} />
      <div>
        <a href={`/library/files/${material.id}/content`} class="name" aria-label={t.library.open(material.fileName)}>
          {material.fileName}
        </a>
        <p class="hint">{materialSummary(t, item)}</p>
        {children}
      </div>
    </li>
  );
}
