/** @jsxImportSource hono/jsx */
import type { Messages } from "../i18n/messages";
import { Layout } from "./layout";

/** The key form, with why the user is here (a session that ended, a wrong key, signed out). */
export function SignInPage({ t, notice, error }: { t: Messages; notice?: string; error?: string }) {
  return (
    <Layout t={t} title={t.signInTitle} notice={notice}>
      <form method="post" action="/login" class="card stack">
        <h2>{t.signInWithKey}</h2>
        <label for="key">{t.apiKeyLabel}</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required spellcheck={false} aria-describedby="key-hint" aria-invalid={error === undefined ? undefined : "true"} />
        <p id="key-hint" class="hint">
          {t.apiKeyHint}
        </p>
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t.signIn}</button>
      </form>
    </Layout>
  );
}

/**
 * A sign-in link asks before it signs in: link previews in chat apps open links by themselves,
 * and must not spend a one-time link (the POST does).
 */
export function SignInLinkPage({ t, token, workspace }: { t: Messages; token: string; workspace: string | undefined }) {
  return (
    <Layout t={t} title={t.signInLinkTitle}>
      {workspace === undefined ? (
        <p class="error" role="alert">
          {t.signInLinkSpent}
        </p>
      ) : (
        <form method="post" action="/login/link" class="card stack">
          <p>{t.signInLinkAsk(workspace)}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t.signIn}</button>
        </form>
      )}
      {workspace === undefined && (
        <p>
          <a href="/login">{t.signInWithKey}</a>
        </p>
      )}
    </Layout>
  );
}
