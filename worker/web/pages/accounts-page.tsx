/** @jsxImportSource hono/jsx */
import { PLATFORMS } from "../../../shared/platforms";
import type { AccountFilters, AccountItem } from "../data/account-list";
import type { Messages } from "../i18n/messages";
import { Layout } from "./layout";

interface AccountsProps {
  t: Messages;
  csrf: string;
  workspace: { name: string };
  filters: AccountFilters;
  accounts: AccountItem[];
  notice?: string | undefined;
}

/** The workspace's accounts: platform, bound phone and its presence, logged in, enabled, tags, and what needs a person; each opens its page (edit, enable, bind, clear, delete). */
export function AccountsPage({ t, csrf, workspace, filters, accounts, notice }: AccountsProps) {
  return (
    <Layout t={t} title={t.accountsTitle} session={{ csrf, section: "accounts", workspace: workspace.name }} notice={notice}>
      <p>
        <a class="button-link" href="/accounts/new">
          {t.addAccount}
        </a>
      </p>
      <form method="get" action="/accounts" class="filters">
        <label>
          {t.platformFilter}
          <select name="platform">
            <option value="">{t.filter.any}</option>
            {PLATFORMS.map((p) => (
              <option value={p} selected={filters.platform === p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <input type="checkbox" name="attention" value="1" checked={filters.attention} />
          {t.onlyAttention}
        </label>
        <button type="submit">{t.filter.apply}</button>
      </form>
      {accounts.length === 0 ? (
        <p>{t.noAccounts}</p>
      ) : (
        <ul class="creds">
          {accounts.map((account) => (
            <li class="card" data-account={account.username}>
              <div>
                <a class="account-link" href={`/accounts/${account.id}`}>{`@${account.username}`}</a> <span class="hint">{account.platform}</span>
                <p class="hint">
                  {[account.device === null ? t.unbound : `${account.device} · ${account.device_online ? t.online : t.offline}`, account.logined === 1 ? t.loggedIn : t.notLoggedIn, ...(account.status === 1 ? [t.disabled] : []), ...account.tags.map((tag) => `#${tag}`)].join(" · ")}
                </p>
                {account.needs_attention !== null && <p class="error">{t.needsPerson(account.needs_attention.reason)}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
