import { splitTags } from "../../shared/tags";
import type { AccountItem } from "./data/account-list";

/**
 * An account's form as the browser posts it: strings, each present only when the form has it.
 * They become the API's body (worker/accounts/create-account.ts, update-account.ts) as the API
 * means its fields, and the API's own schema then decides: nothing is checked or loosened here.
 */
export const ACCOUNT_FORM_FIELDS = ["username", "platform", "email", "password", "clear_password", "packagename", "tags", "device", "status"] as const;

export type AccountFormField = (typeof ACCOUNT_FORM_FIELDS)[number];
export type AccountForm = Partial<Record<AccountFormField, string>>;

export function accountFormOf(posted: Record<string, unknown>): AccountForm {
  const form: AccountForm = {};
  for (const name of ACCOUNT_FORM_FIELDS) {
    const value = posted[name];
    if (typeof value === "string") form[name] = value;
  }
  return form;
}

/** The form of an account as it is stored (the password is never shown: empty keeps it). */
export function accountFormFrom(account: AccountItem): AccountForm {
  return {
    username: account.username,
    platform: account.platform,
    email: account.email,
    packagename: account.packagename ?? "",
    tags: account.tags.join(", "),
    device: account.device ?? "",
    status: String(account.status),
  };
}

/** A new account's body: an empty optional field is left out (the API's default: none, the app's package, enabled). */
export function createBodyOf(form: AccountForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (form.username !== undefined) body.username = form.username;
  if (form.platform !== undefined) body.platform = form.platform;
  const email = form.email?.trim();
  if (email !== undefined && email !== "") body.email = email;
  if (form.password !== undefined && form.password !== "") body.password = form.password;
  const packagename = form.packagename?.trim();
  if (packagename !== undefined && packagename !== "") body.packagename = packagename;
  if (form.device !== undefined && form.device !== "") body.device = form.device;
  if (form.status !== undefined) body.status = statusOf(form.status);
  if (form.tags !== undefined) {
    const tags = splitTags(form.tags);
    if (tags.length > 0) body.tags = tags;
  }
  return body;
}

/**
 * A change's body: the fields the form has. Empty means what the API's null means (no email, the
 * app's own package, no phone, no tags), but an empty password keeps the stored one: the form never
 * shows it, so only "Remove the stored password" clears it.
 */
export function updateBodyOf(form: AccountForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (form.username !== undefined) body.username = form.username;
  if (form.platform !== undefined) body.platform = form.platform;
  if (form.email !== undefined) body.email = form.email.trim();
  if (form.clear_password === "1") body.password = null;
  else if (form.password !== undefined && form.password !== "") body.password = form.password;
  if (form.packagename !== undefined) body.packagename = form.packagename.trim() === "" ? null : form.packagename.trim();
  if (form.device !== undefined) body.device = form.device === "" ? null : form.device;
  if (form.status !== undefined) body.status = statusOf(form.status);
  if (form.tags !== undefined) body.tags = splitTags(form.tags);
  return body;
}

/** "0" and "1" are the API's numbers; anything else goes as typed, for the API to refuse by name. */
function statusOf(value: string): unknown {
  return value === "0" ? 0 : value === "1" ? 1 : value;
}
