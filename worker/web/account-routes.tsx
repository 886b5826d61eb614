/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { Hono } from "hono";
import { ApiCode } from "../../shared/api-codes";
import { createAccount } from "../accounts/create-account";
import { deleteAccount } from "../accounts/delete-account";
import { updateAccount } from "../accounts/update-account";
import { ApiError } from "../http/api-error";
import { parsePathId } from "../http/path-id";
import { type AccountForm, accountFormFrom, accountFormOf, createBodyOf, updateBodyOf } from "./account-form";
import { accountOf, phoneSerials } from "./data/account-form-data";
import { type AccountItem, accountFiltersOf, accountList } from "./data/account-list";
import { AccountDeletePage, AccountFormPage, AccountGonePage } from "./pages/account-form-page";
import { AccountsPage } from "./pages/accounts-page";
import type { WebEnv } from "./web-env";

/**
 * The accounts (behind the session): the list, and an account added, edited, enabled or disabled,
 * bound to a phone, its mark cleared, deleted, all through the API's own create, update and delete
 * (worker/accounts/), so with its rules and its messages. Every query is bound to the session's
 * workspace: another workspace's account is a 404 page, and its posts change nothing.
 */
export const accountPages = new Hono<WebEnv>();

const ACTIONS = { enable: { status: 0 }, disable: { status: 1 }, "clear-attention": { needs_attention: null } } as const;

accountPages.get("/accounts", async (c) => {
  const workspace = c.get("workspace");
  const t = c.get("t");
  const filters = accountFiltersOf((name) => c.req.query(name));
  const accounts = await accountList(c.get("db"), workspace.id, filters);
  const notice = c.req.query("saved") !== undefined ? t.saved : c.req.query("deleted") !== undefined ? t.deleted : undefined;
  return c.html(<AccountsPage t={t} csrf={c.get("csrf")} workspace={workspace} filters={filters} accounts={accounts} notice={notice} />);
});

accountPages.get("/accounts/new", (c) => renderForm(c, {}));

accountPages.post("/accounts", async (c) => {
  const form = accountFormOf(await c.req.parseBody());
  try {
    await createAccount(c.get("db"), c.get("workspace"), createBodyOf(form));
  } catch (error) {
    if (error instanceof ApiError) return renderForm(c, form, undefined, error.message, 400);
    throw error;
  }
  return c.redirect("/accounts?saved=1", 303);
});

accountPages.get("/accounts/:id{[0-9]+}", async (c) => {
  const account = await accountIn(c);
  if (account === undefined) return gone(c);
  return renderForm(c, accountFormFrom(account), account, undefined, 200, c.req.query("saved") !== undefined ? c.get("t").saved : undefined);
});

accountPages.post("/accounts/:id{[0-9]+}", async (c) => {
  const id = idOf(c);
  if (id === undefined) return gone(c);
  const form = accountFormOf(await c.req.parseBody());
  try {
    await updateAccount(c.get("db"), c.get("workspace").id, id, updateBodyOf(form));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Looked up after the refusal: an account not the workspace's is a 404, whatever was typed.
    const account = await accountIn(c);
    if (account === undefined) return gone(c);
    return renderForm(c, { ...accountFormFrom(account), ...form }, account, error.message, 400);
  }
  return c.redirect("/accounts?saved=1", 303);
});

accountPages.post("/accounts/:id{[0-9]+}/:action{enable|disable|clear-attention}", async (c) => {
  const id = idOf(c);
  if (id === undefined) return gone(c);
  const body = ACTIONS[c.req.param("action") as keyof typeof ACTIONS];
  try {
    await updateAccount(c.get("db"), c.get("workspace").id, id, body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const account = error.code === ApiCode.NotFound ? undefined : await accountIn(c);
    if (account === undefined) return gone(c);
    return renderForm(c, accountFormFrom(account), account, error.message, 400);
  }
  return c.redirect(`/accounts/${id}?saved=1`, 303);
});

/** Without `confirm=1` it only asks (the account page's Delete button); the asking page's form confirms. */
accountPages.post("/accounts/:id{[0-9]+}/delete", async (c) => {
  const account = await accountIn(c);
  if (account === undefined) return gone(c);
  const form = await c.req.parseBody();
  if (form.confirm !== "1") return c.html(<AccountDeletePage t={c.get("t")} csrf={c.get("csrf")} workspace={c.get("workspace")} account={account} />);
  try {
    await deleteAccount(c.get("db"), c.get("workspace").id, account.id);
  } catch (error) {
    if (error instanceof ApiError && error.code === ApiCode.NotFound) return gone(c); // deleted meanwhile
    throw error;
  }
  return c.redirect("/accounts?deleted=1", 303);
});

async function renderForm(c: Context<WebEnv>, values: AccountForm, account?: AccountItem, error?: string, status: 200 | 400 = 200, notice?: string) {
  const workspace = c.get("workspace");
  const phones = await phoneSerials(c.get("db"), workspace.id);
  return c.html(<AccountFormPage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} phones={phones} values={values} account={account} error={error} notice={notice} />, status);
}

/** The path's account id, or undefined for one no account can have. */
function idOf(c: Context<WebEnv>): number | undefined {
  try {
    return parsePathId(c.req.param("id") ?? "");
  } catch {
    return undefined;
  }
}

/** The path's account when it is the workspace's. */
async function accountIn(c: Context<WebEnv>): Promise<AccountItem | undefined> {
  const id = idOf(c);
  return id === undefined ? undefined : accountOf(c.get("db"), c.get("workspace").id, id);
}

function gone(c: Context<WebEnv>) {
  return c.html(<AccountGonePage t={c.get("t")} csrf={c.get("csrf")} workspace={c.get("workspace")} id={c.req.param("id") ?? ""} />, 404);
}
