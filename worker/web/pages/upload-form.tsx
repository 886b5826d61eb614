/** @jsxImportSource hono/jsx */
import type { Messages } from "../i18n/messages";

/**
 * Files into the library from this device (a phone's camera roll included), by
 * assets/upload.js: each file in parts of the API's multipart upload, with a progress bar,
 * retried when the connection drops and resumed (the parts already there kept) when the same
 * file is picked again after a reload. The script's words come in data- attributes, in the
 * page's language. `data-picked` names a list the page keeps the uploaded materials in.
 */
export function UploadForm({ t, csrf, withCaption, picked }: { t: Messages; csrf: string; withCaption: boolean; picked?: string }) {
  const u = t.library.upload;
  return (
    <form class="stack upload" data-upload="/library/files" data-csrf={csrf} data-picked={picked} data-waiting={u.waiting} data-sending={u.sending} data-resuming={u.resuming} data-retrying={u.retrying} data-done={u.done} data-failed={u.failed} data-wrong-type={u.wrongType}>
      <label for="upload-files">{u.files}</label>
      <input id="upload-files" type="file" name="files" multiple accept="video/mp4,image/jpeg,image/png,image/webp" aria-describedby="upload-files-hint" />
      <p class="hint" id="upload-files-hint">
        {u.filesHint}
      </p>
      <label for="upload-tags">{u.tags}</label>
      <input id="upload-tags" name="tags" autocomplete="off" aria-describedby="upload-tags-hint" />
      <p class="hint" id="upload-tags-hint">
        {u.tagsHint}
      </p>
      {withCaption && (
        <>
          <label for="upload-caption">{u.caption}</label>
          <textarea id="upload-caption" name="caption" rows={2} />
        </>
      )}
      <button type="submit">{u.start}</button>
      <noscript>
        <p class="error">{u.needsScript}</p>
      </noscript>
      <ol class="uploads" aria-live="polite" />
      <script src="/assets/upload.js" defer />
    </form>
  );
}
