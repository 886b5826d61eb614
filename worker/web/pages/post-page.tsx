/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { ADD_SOUND, INSTAGRAM_PLACEMENTS, POST_WAYS } from "../../../shared/scripts/post";
import type { PostChoices } from "../data/post-choices";
import type { Messages } from "../i18n/messages";
import type { PostForm } from "../post-form";
import { CSRF_FIELD } from "../session/csrf";
import { Choice } from "./choice";
import { Layout } from "./layout";
import { materialSummary, MaterialPicture } from "./material-card";
import type { PreviewPost } from "../data/caption-preview";
import { CaptionPreview } from "./caption-preview";
import { UploadForm } from "./upload-form";

interface PostPageProps {
  t: Messages;
  csrf: string;
  workspace: { name: string; timezone: string; defaultPlatform: string };
  choices: PostChoices;
  form: PostForm;
  preview: PreviewPost[];
  error?: string | undefined;
}

/**
 * A post for many phones at once, as `POST /api/v1/task` with the `post` script takes it: whom
 * to (phones, accounts, or the accounts of a tag), the media (the library's pick per post, or
 * files chosen here, uploaded from this device if need be), the caption with TikTok's title
 * split previewed, how it posts, and when. assets/post.js shows only the fields the choices
 * use and refreshes the preview; without it every field shows and the API judges the rest.
 */
export function PostPage({ t, csrf, workspace, choices, form, preview, error }: PostPageProps) {
  const p = t.post;
  return (
    <Layout t={t} title={p.title} session={{ csrf, section: "post", workspace: workspace.name }} live={false}>
      {error !== undefined && (
        <p class="error" role="alert" id="post-error">
          {error}
        </p>
      )}
      <details class="card">
        <summary>{p.uploadHere}</summary>
        <UploadForm t={t} csrf={csrf} withCaption={false} picked="post-materials" />
      </details>
      <form method="post" action="/post" class="stack post" id="post-form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="request_key" value={form.requestKey} />

        <fieldset class="card">
          <legend>{p.targetLegend}</legend>
          <Radios name="target" chosen={form.target} options={[["phones", p.targetPhones], ["accounts", p.targetAccounts], ["tag", p.targetTag]]} />
          <div data-when="target=phones" class="stack">
            <p class="hint">{p.phonesHint(workspace.defaultPlatform)}</p>
            {choices.phones.length === 0 ? (
              <p>{t.noPhones}</p>
            ) : (
              <ul class="picks">
                {choices.phones.map((phone) => (
                  <li>
                    <Check name="serial" value={phone.serial} checked={form.serials.includes(phone.serial)}>
                      <span>{phone.name ?? phone.model ?? phone.serial}</span>
                      <span class="hint">{`${phone.serial} · ${phone.online ? t.online : t.offline}`}</span>
                    </Check>
                  </li>
                ))}
              </ul>
            )}
            <Check name="enable_multi_account" value="1" checked={form.multiAccount}>
              <span>{p.multiAccount}</span>
            </Check>
          </div>
          <div data-when="target=accounts" class="stack">
            <p class="hint">{p.accountsHint}</p>
            {choices.accounts.length === 0 ? (
              <p>{p.noAccounts}</p>
            ) : (
              <ul class="picks">
                {choices.accounts.map((account) => (
                  <li>
                    <Check name="username" value={account.username} checked={form.usernames.includes(account.username)}>
                      <span>{`@${account.username}`}</span>
                      <span class="hint">{[account.platforms.join(", "), account.device ?? t.unbound, ...(account.enabled ? [] : [t.disabled])].join(" · ")}</span>
                    </Check>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div data-when="target=tag" class="stack">
            {choices.tags.length === 0 ? (
              <p>{p.noTags}</p>
            ) : (
              <label>
                {p.tagLabel}
                <select name="account_tag">
                  {choices.tags.map(({ tag, count }) => (
                    <option value={tag} selected={form.accountTag === tag}>
                      {p.tagOption(tag, count)}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        </fieldset>

        <fieldset class="card">
          <legend>{p.mediaLegend}</legend>
          <Radios name="content_type" label={p.contentType} chosen={form.contentType} options={[["0", p.video], ["1", p.images]]} />
          <div data-when="content_type=1">
            <Field label={p.imageCount} name="image_count" value={form.imageCount} inputmode="numeric" />
          </div>
          <Radios name="media" chosen={form.media} options={[["pick", p.mediaPick], ["chosen", p.mediaChosen]]} />
          <div data-when="media=pick">
            <Field label={p.pickTags} name="materials_tags" value={form.materialsTags} hint={p.pickTagsHint} />
          </div>
          <div data-when="media=chosen" class="stack">
            <p class="hint">{p.chosenHint}</p>
            {choices.materials.length === 0 && <p id="no-materials">{p.noMaterials}</p>}
            <ul class="picks" id="post-materials">
              {choices.materials.map((item) => (
                <li class="card">
                  <Check name="material" value={String(item.material.id)} checked={form.materials.includes(String(item.material.id))}>
                    <MaterialPicture t={t} material={item.material} />
                    <span>
                      {item.material.fileName}
                      <span class="hint">{materialSummary(t, item)}</span>
                    </span>
                  </Check>
                </li>
              ))}
            </ul>
          </div>
        </fieldset>

        <fieldset class="card">
          <legend>{p.captionLegend}</legend>
          <label for="captions">{p.captions}</label>
          <textarea id="captions" name="captions" rows={4} aria-describedby="captions-hint">
            {form.captions}
          </textarea>
          <p class="hint" id="captions-hint">
            {p.captionsHint}
          </p>
          <Radios name="caption_format" chosen={form.captionFormat} options={[["multiline", p.formatMultiline], ["spintax", p.formatSpintax]]} />
          <section id="caption-preview" data-preview="/post/preview" aria-live="polite" aria-label={p.preview}>
            <CaptionPreview t={t} posts={preview} />
          </section>
        </fieldset>

        <fieldset class="card">
          <legend>{p.soundLegend}</legend>
          <Choice label={p.postWay} name="post_way" chosen={form.postWay} options={POST_WAYS.map((way) => [way, p.postWays[way]])} />
          <div data-when="post_way=useSound">
            <Field label={p.soundName} name="sound_name" value={form.soundName} />
          </div>
          <Choice label={p.addSound} name="add_sound" chosen={form.addSound} options={ADD_SOUND.map((value) => [value, p.addSounds[value]])} />
          <div data-when="add_sound=custom">
            <Field label={p.customKeyword} name="custom_sound_keyword" value={form.customSoundKeyword} />
          </div>
          <div data-when="add_sound=1,custom post_way=useSound" class="pair">
            <Field label={p.originVolume} name="origin_sound_volume" value={form.originVolume} inputmode="numeric" />
            <Field label={p.addVolume} name="add_sound_volume" value={form.addVolume} inputmode="numeric" />
          </div>
          <Choice label={p.placement} name="placement" chosen={form.placement} options={INSTAGRAM_PLACEMENTS.map((value) => [value, p.placements[value]])} />
          <Check name="ai_label" value="1" checked={form.aiLabel}>
            <span>{p.aiLabel}</span>
          </Check>
        </fieldset>

        <fieldset class="card">
          <legend>{p.scheduleLegend}</legend>
          <Field label={p.startTime} name="start_time" value={form.startTime} type="datetime-local" hint={p.startTimeHint(workspace.timezone)} />
          <div class="pair">
            <Field label={p.minInterval} name="min_interval" value={form.minInterval} inputmode="numeric" />
            <Field label={p.maxInterval} name="max_interval" value={form.maxInterval} inputmode="numeric" />
          </div>
          <p class="hint">{p.intervalHint}</p>
        </fieldset>

        <button type="submit">{p.create}</button>
      </form>
      <script src="/assets/post.js" defer />
    </Layout>
  );
}

function Radios({ name, label, chosen, options }: { name: string; label?: string; chosen: string; options: readonly (readonly [string, string])[] }) {
  return (
    <div class="radios" role="radiogroup" aria-label={label}>
      {label !== undefined && <span class="label">{label}</span>}
      {options.map(([value, text]) => (
        <label class="choice">
          <input type="radio" name={name} value={value} checked={chosen === value} />
          {text}
        </label>
      ))}
    </div>
  );
}

function Check({ name, value, checked, children }: { name: string; value: string; checked: boolean; children: Child }) {
  return (
    <label class="choice">
      <input type="checkbox" name={name} value={value} checked={checked} />
      {children}
    </label>
  );
}

function Field({ label, name, value, hint, type = "text", inputmode }: { label: string; name: string; value: string; hint?: string; type?: string; inputmode?: "numeric" }) {
  const hintId = hint === undefined ? undefined : `${name}-hint`;
  return (
    <label>
      {label}
      <input name={name} value={value} type={type} inputmode={inputmode} autocomplete="off" aria-describedby={hintId} />
      {hint !== undefined && (
        <span class="hint" id={hintId}>
          {hint}
        </span>
      )}
    </label>
  );
}
