/** @jsxImportSource hono/jsx */
import { PLATFORMS } from "../../../shared/platforms";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from "../../../shared/workspace-settings";
import type { Workspace } from "../../db/schema";
import type { CredentialView } from "../data/credential-list";
import type { Messages } from "../i18n/messages";
import { CSRF_FIELD } from "../session/csrf";
import { formatTime } from "../time-format";
import { Layout } from "./layout";

interface SettingsProps {
  t: Messages;
  csrf: string;
  workspace: Workspace;
  keys: CredentialView[];
  sessions: CredentialView[];
  /** The session viewing the page, marked in the list. */
  currentSession: string;
  notice?: string | undefined;
  error?: string | undefined;
  /** A key just created: shown this once. */
  newKey?: string | undefined;
}

/** The workspace's zone, platform and retries; its API keys (create, shown once; revoke); its signed-in browsers (revoke). */
export function SettingsPage({ t, csrf, workspace, keys, sessions, currentSession, notice, error, newKey }: SettingsProps) {
  const used = (c: CredentialView) => [t.createdAt(formatTime(c.createdAt, workspace.timezone, t)), c.lastUsedAt === null ? t.neverUsed : t.lastUsed(formatTime(c.lastUsedAt, workspace.timezone, t))].join(" · ");
  const revokeForm = (id: string) => (
    <form method="post" action={`/settings/credentials/${id}/revoke`}>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <button type="submit" class="quiet" aria-label={`${t.revoke} ${id}`}>
        {t.revoke}
      </button>
    </form>
  );
  return (
    <Layout t={t} title={t.settingsTitle} session={{ csrf, section: "settings", workspace: workspace.name }} notice={notice} live={false}>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="ws">
        <h2 id="ws">{t.workspaceSection}</h2>
        <form method="post" action="/settings" class="card stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <label for="timezone">{t.timezoneLabel}</label>
          <input id="timezone" name="timezone" value={workspace.timezone} required spellcheck={false} autocomplete="off" aria-describedby="tz-hint" />
          <p id="tz-hint" class="hint">
            {t.timezoneHint}
          </p>
          <label for="platform">{t.platformLabel}</label>
          <select id="platform" name="default_platform">
            {PLATFORMS.map((p) => (
              <option value={p} selected={workspace.defaultPlatform === p}>
                {p}
              </option>
            ))}
          </select>
          <label for="retries">{t.retriesLabel}</label>
          <input id="retries" name="max_retry_count" type="number" inputmode="numeric" min="0" max="100" value={String(workspace.maxRetryCount)} required />
          <label for="min-battery">{t.minBatteryLabel}</label>
          <input id="min-battery" name="min_battery_level" type="number" inputmode="numeric" min="0" max="100" value={String(workspace.minBatteryLevel)} required aria-describedby="health-hint" />
          <label for="max-temperature">{t.maxTemperatureLabel}</label>
          <input id="max-temperature" name="max_battery_temperature_c" type="number" inputmode="numeric" min="30" max="60" value={String(workspace.maxBatteryTemperatureC)} required aria-describedby="health-hint" />
          <p id="health-hint" class="hint">
            {t.healthHint}
          </p>
          <label for="retention">{t.retentionLabel}</label>
          <input id="retention" name="retention_days" type="number" inputmode="numeric" min={String(MIN_RETENTION_DAYS)} max={String(MAX_RETENTION_DAYS)} value={String(workspace.retentionDays)} required aria-describedby="retention-hint" />
          <p id="retention-hint" class="hint">
            {t.retentionHint}
          </p>
          <button type="submit">{t.save}</button>
        </form>
      </section>
      <section aria-labelledby="agents">
        <h2 id="agents">{t.agentsSection}</h2>
        <form method="post" action="/settings/agents" class="card stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <label for="pairing-code">{t.pairingCodeLabel}</label>
          <input id="pairing-code" name="code" required autocomplete="off" autocapitalize="characters" spellcheck={false} aria-describedby="pairing-hint" />
          <p id="pairing-hint" class="hint">
            {t.pairingHint}
          </p>
          <button type="submit">{t.approveAgent}</button>
        </form>
      </section>
      <section aria-labelledby="keys">
        <h2 id="keys">{t.keysSection}</h2>
        {newKey !== undefined && (
          <div class="card stack" role="status">
            <p>{t.newKeyOnce}</p>
            <input readonly value={newKey} aria-label={t.keysSection} data-new-key="1" spellcheck={false} />
          </div>
        )}
        <ul class="creds">
          {keys.map((key) => (
            <li class="card" data-credential={key.id}>
              <div>
                <strong>{key.name}</strong> <code>{key.id}</code>
                <p class="hint">{key.revokedAt === null ? used(key) : t.revoked}</p>
              </div>
              {key.revokedAt === null && revokeForm(key.id)}
            </li>
          ))}
        </ul>
        <form method="post" action="/settings/keys" class="card stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <label for="key-name">{t.keyName}</label>
          <input id="key-name" name="name" maxlength={100} required autocomplete="off" />
          <button type="submit">{t.createKey}</button>
        </form>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t.sessionsSection}</h2>
        <ul class="creds">
          {sessions.map((session) => (
            <li class="card" data-credential={session.id}>
              <div>
                <strong>{session.name}</strong>
                {session.id === currentSession && <span class="hint"> ({t.thisSession})</span>}
                <p class="hint">{used(session)}</p>
              </div>
              {revokeForm(session.id)}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
