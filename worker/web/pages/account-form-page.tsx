/** @jsxImportSource hono/jsx */
import { PLATFORMS } from "../../../shared/platforms";
import type { AccountForm } from "../account-form";
import type { AccountItem } from "../data/account-list";
import type { Messages } from "../i18n/messages";
import { CSRF_FIELD } from "../session/csrf";
import { Layout } from "./layout";

interface AccountFormProps {
  t: Messages;
  csrf: string;
  workspace: { name: string; defaultPlatform: string };
  /** The workspace's phones by serial, for the binding. */
  phones: string[];
  /** What the fields show: the account as stored, or what was typed when the API refused it. */
  values: AccountForm;
  /** Absent: the form adds an account. Present: it edits this one, with its state and actions. */
  account?: AccountItem | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}

/**
 * Add or edit an account: its fields in one form (through the API's create or update, so its rules
 * and messages), and for an account that exists, enable or disable, clear the mark a task left,
 * delete. Not refreshed: a refresh would wipe what is being typed.
 */
export function AccountFormPage({ t, csrf, workspace, phones, values, account, notice, error }: AccountFormProps) {
  const platform = values.platform ?? workspace.defaultPlatform;
  const device = values.device ?? "";
  // A phone bound but no longer listed (or typed) stays an option, so the form shows it as it is.
  const serials = device === "" || phones.includes(device) ? phones : [...phones, device];
  const hidden = <input type="hidden" name={CSRF_FIELD} value={csrf} />;
  const action = (path: string, label: string, kind?: "danger" | "quiet") => (
    <form method="post" action={`/accounts/${account?.id}/${path}`}>
      {hidden}
      <button type="submit" class={kind}>
        {label}
      </button>
    </form>
  );
  return (
    <Layout t={t} title={account === undefined ? t.addAccount : t.accountTitle(account.username)} session={{ csrf, section: "accounts", workspace: workspace.name }} notice={notice} live={false}>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {account?.needs_attention != null && (
        <div class="card stack">
          <p class="error">{t.needsPerson(account.needs_attention.reason)}</p>
          <div class="actions">{action("clear-attention", t.clearAttention)}</div>
        </div>
      )}
      <form method="post" action={account === undefined ? "/accounts" : `/accounts/${account.id}`} class="card stack">
        {hidden}
        <label for="username">{t.usernameLabel}</label>
        <input id="username" name="username" value={values.username ?? ""} required autocomplete="off" autocapitalize="none" spellcheck={false} aria-describedby="username-hint" />
        <p id="username-hint" class="hint">
          {t.usernameHint}
        </p>
        <label for="platform">{t.accountPlatformLabel}</label>
        <select id="platform" name="platform">
          {PLATFORMS.map((p) => (
            <option value={p} selected={platform === p}>
              {p}
            </option>
          ))}
        </select>
        <label for="device">{t.phoneLabel}</label>
        <select id="device" name="device">
          <option value="" selected={device === ""}>
            {t.noPhoneOption}
          </option>
          {serials.map((serial) => (
            <option value={serial} selected={device === serial}>
              {serial}
            </option>
          ))}
        </select>
        <label for="status">{t.statusLabel}</label>
        <select id="status" name="status">
          <option value="0" selected={values.status !== "1"}>
            {t.enabledOption}
          </option>
          <option value="1" selected={values.status === "1"}>
            {t.disabledOption}
          </option>
        </select>
        <label for="tags">{t.tagsLabel}</label>
        <input id="tags" name="tags" value={values.tags ?? ""} autocomplete="off" aria-describedby="tags-hint" />
        <p id="tags-hint" class="hint">
          {t.tagsHint}
        </p>
        <label for="email">{t.emailLabel}</label>
        <input id="email" name="email" type="email" value={values.email ?? ""} autocomplete="off" spellcheck={false} />
        <label for="password">{t.passwordLabel}</label>
        <input id="password" name="password" type="password" value={values.password ?? ""} autocomplete="new-password" aria-describedby={account === undefined ? undefined : "password-hint"} />
        {account !== undefined && (
          <>
            <p id="password-hint" class="hint">
              {t.passwordKeepHint}
            </p>
            <label class="inline">
              <input type="checkbox" name="clear_password" value="1" checked={values.clear_password === "1"} />
              {t.clearPassword}
            </label>
          </>
        )}
        <label for="packagename">{t.packageLabel}</label>
        <input id="packagename" name="packagename" value={values.packagename ?? ""} autocomplete="off" autocapitalize="none" spellcheck={false} aria-describedby="package-hint" />
        <p id="package-hint" class="hint">
          {t.packageHint}
        </p>
        <button type="submit">{account === undefined ? t.createAccount : t.save}</button>
      </form>
      {account !== undefined && (
        <div class="card actions account-actions">
          <p class="hint">{`${t.statusLabel}: ${account.status === 1 ? t.disabledOption : t.enabledOption}`}</p>
          {account.status === 1 ? action("enable", t.enableAccount) : action("disable", t.disableAccount)}
          {action("delete", t.deleteAccount, "danger")}
        </div>
      )}
    </Layout>
  );
}

interface DeleteProps {
  t: Messages;
  csrf: string;
  workspace: { name: string };
  account: AccountItem;
}

/** "Delete @name?": the confirming form posts `confirm=1`; Cancel goes back to the account. */
export function AccountDeletePage({ t, csrf, workspace, account }: DeleteProps) {
  return (
    <Layout t={t} title={t.deleteAccount} session={{ csrf, section: "accounts", workspace: workspace.name }} live={false}>
      <p>{t.deleteAccountAsk(account.username)}</p>
      <div class="actions">
        <form method="post" action={`/accounts/${account.id}/delete`}>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" class="danger">
            {t.action.delete}
          </button>
        </form>
        <a class="button-link" href={`/accounts/${account.id}`}>
          {t.cancel}
        </a>
      </div>
    </Layout>
  );
}

/** An account id that is not the workspace's (or no longer exists). */
export function AccountGonePage({ t, csrf, workspace, id }: { t: Messages; csrf: string; workspace: { name: string }; id: string }) {
  return (
    <Layout t={t} title={t.accountsTitle} session={{ csrf, section: "accounts", workspace: workspace.name }} live={false}>
      <p role="alert">{t.accountGone(id)}</p>
      <p>
        <a class="button-link" href="/accounts">
          {t.accountsTitle}
        </a>
      </p>
    </Layout>
  );
}
