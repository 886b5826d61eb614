import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addAccount } from "../routes/accounts/test-helpers";
import { form, page, sessionForm, signIn, withCookie } from "../test/web-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

/** The accounts page: the API's account view, filtered by platform and by what needs a person, one workspace's only; accounts added, edited, enabled, bound, cleared and deleted through the API's own rules. */
describe("the accounts page", () => {
  it("lists the workspace's accounts by username with their phone, login and attention; filters by platform and attention", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    for (const body of [
      { username: "zed_tt", platform: "tiktok", device: "p1" },
      { username: "amy_ig", platform: "instagram" },
      { username: "bob_tt", platform: "tiktok" },
    ]) {
      expect((await ws.call("POST", "/api/v1/accounts", body)).code).toBe(0);
    }
    await other.call("POST", "/api/v1/accounts", { username: "not_mine", platform: "tiktok" });
    await env.DB.prepare("update accounts set attention_reason = 'the app asks for a verification (captcha)', attention_code = 1012, attention_task_id = 1, attention_at = ? where workspace_id = ? and username = 'bob_tt'").bind(Date.now(), ws.id).run();
    const token = await signIn(ws);
    const names = async (query: string) => [...(await (await page(`/accounts${query}`, withCookie(token))).text()).matchAll(/data-account="([^"]+)"/g)].map((m) => m[1]);
    expect(await names("")).toEqual(["amy_ig", "bob_tt", "zed_tt"]);
    expect(await names("?platform=tiktok")).toEqual(["bob_tt", "zed_tt"]);
    expect(await names("?attention=1")).toEqual(["bob_tt"]);
    expect(await names("?platform=youtube")).toHaveLength(3);
    const html = await (await page("/accounts", withCookie(token))).text();
    expect(html).toContain("Needs a person: the app asks for a verification (captcha)");
    expect(html).toContain("p1 · offline");
    expect(html).not.toContain("not_mine");
  });
});

/** A full account form as the page posts it, with the fields named overriding the defaults. */
function accountFields(fields: Record<string, string> = {}): [string, string][] {
  return Object.entries({ username: "", platform: "tiktok", device: "", status: "0", tags: "", email: "", password: "", packagename: "", ...fields });
}

async function accountsOf(ws: TestWorkspace) {
  const answer = await ws.call("GET", "/api/v1/accounts?page_size=100");
  expect(answer.code, answer.message).toBe(0);
  return answer.data.accounts as { id: number; username: string; platform: string; email: string; packagename: string | null; device: string | null; status: number; tags: string[]; needs_attention: unknown }[];
}

async function serialsOf(ws: TestWorkspace): Promise<string[]> {
  return ((await ws.call("GET", "/api/v1/devices")).data.devices as { serial: string }[]).map((d) => d.serial).sort();
}

const passwordOf = async (id: number) => (await env.DB.prepare("select password from accounts where id = ?").bind(id).first<{ password: string | null }>())?.password;

describe("editing accounts from the dashboard", () => {
  it("adds an account from the form (the API's create: @ dropped, tags split and sorted) and lists it, linked to its page; the form is not refreshed", async () => {
    const ws = await createTestWorkspace({ defaultPlatform: "instagram" });
    await addAccount(ws, { username: "phone_owner", device: "p1" });
    const token = await signIn(ws);
    const blank = await page("/accounts/new", withCookie(token));
    expect(blank.status).toBe(200);
    const html = await blank.text();
    expect(html).not.toContain("data-refresh");
    expect(html).toMatch(/<option value="instagram" selected/);
    expect(html).toContain('<option value="p1">p1</option>');
    for (const id of ["username", "platform", "device", "status", "tags", "email", "password", "packagename"]) expect(html).toContain(`<label for="${id}">`);
    expect(await (await page("/accounts", withCookie(token))).text()).toContain('href="/accounts/new"');

    const saved = await page("/accounts", await sessionForm(token, accountFields({ username: "@New_One", platform: "tiktok", tags: "b, a，b", device: "p1", password: "s3cret", email: "new@example.com" })));
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/accounts?saved=1");
    const created = (await accountsOf(ws)).find((a) => a.username === "new_one");
    expect(created).toMatchObject({ platform: "tiktok", tags: ["a", "b"], device: "p1", email: "new@example.com", packagename: null, status: 0, needs_attention: null });
    expect(await passwordOf(created?.id ?? 0)).toBe("s3cret");
    const list = await (await page("/accounts?saved=1", withCookie(token))).text();
    expect(list).toContain('data-account="new_one"');
    expect(list).toContain(`href="/accounts/${created?.id}"`);
    expect(list).toContain("Saved.");

    // Empty optional fields are the API's defaults: the workspace's platform when none is sent, no phone, no password, enabled.
    expect((await page("/accounts", await sessionForm(token, [["username", "bare"]]))).status).toBe(303);
    expect((await accountsOf(ws)).find((a) => a.username === "bare")).toMatchObject({ platform: "instagram", device: null, tags: [], email: "", status: 0 });
  });

  it("re-renders a refused form with the API's message and what was typed, status 400, writing nothing", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "taken" });
    const token = await signIn(ws);
    const before = await accountsOf(ws);

    const conflict = await page("/accounts", await sessionForm(token, accountFields({ username: "Taken", tags: "typed-tag", device: "new-phone" })));
    expect(conflict.status).toBe(400);
    const conflictHtml = await conflict.text();
    expect(conflictHtml).toMatch(/role="alert">username &quot;taken&quot; already exists on tiktok in this workspace</);
    expect(conflictHtml).toContain('value="typed-tag"');
    expect(conflictHtml).toContain('value="Taken"');
    expect(conflictHtml).toContain('<option value="new-phone" selected="">');
    expect(conflictHtml).not.toContain("data-refresh");

    const platform = await page("/accounts", await sessionForm(token, accountFields({ username: "fresh", platform: "myspace" })));
    expect(platform.status).toBe(400);
    const platformHtml = await platform.text();
    expect(platformHtml).toMatch(/role="alert">platform must be one of/);
    expect(platformHtml).toContain('value="fresh"');

    for (const [field, value, message] of [
      ["email", "not-an-email", "email"],
      ["packagename", "not a package", "packagename must be an Android package name"],
      ["status", "2", "status must be one of"],
      ["tags", Array.from({ length: 51 }, (_, i) => `t${i}`).join(","), "tags must have at most 50 items"],
    ] as const) {
      const refused = await page("/accounts", await sessionForm(token, accountFields({ username: "fresh", [field]: value })));
      expect(refused.status, field).toBe(400);
      expect(await refused.text(), field).toContain(message);
    }
    expect(await accountsOf(ws)).toEqual(before);
    expect(await serialsOf(ws)).toEqual([]);
  });

  it("edits an account: tags replaced, bound to a phone of the workspace and unbound; an empty password keeps it, the box removes it; a refused edit changes nothing", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "on_p2", device: "p2" });
    const account = await addAccount(ws, { username: "edit_me", tags: ["old", "keep"], device: "p1", password: "pw", packagename: "com.zhiliaoapp.musically" });
    const token = await signIn(ws);
    const form = await page(`/accounts/${account.id}`, withCookie(token));
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).not.toContain("data-refresh");
    expect(html).toContain('value="keep, old"');
    expect(html).toContain('<option value="p1" selected="">p1</option>');
    expect(html).toContain('<option value="p2">p2</option>');
    expect(html).not.toContain('value="pw"');

    const edited = await page(`/accounts/${account.id}`, await sessionForm(token, accountFields({ username: "edit_me", tags: "new, keep", device: "p2", packagename: "com.zhiliaoapp.musically" })));
    expect(edited.headers.get("location")).toBe("/accounts?saved=1");
    expect((await accountsOf(ws)).find((a) => a.id === account.id)).toMatchObject({ tags: ["keep", "new"], device: "p2", packagename: "com.zhiliaoapp.musically" });
    expect(await passwordOf(account.id)).toBe("pw");

    await page(`/accounts/${account.id}`, await sessionForm(token, accountFields({ username: "edit_me", tags: "", device: "", packagename: "", clear_password: "1" })));
    expect((await accountsOf(ws)).find((a) => a.id === account.id)).toMatchObject({ tags: [], device: null, packagename: null });
    expect(await passwordOf(account.id)).toBeNull();

    const before = await accountsOf(ws);
    const renamed = await page(`/accounts/${account.id}`, await sessionForm(token, accountFields({ username: "on_p2", tags: "typed" })));
    expect(renamed.status).toBe(400);
    const renamedHtml = await renamed.text();
    expect(renamedHtml).toContain('username &quot;on_p2&quot; already exists on tiktok in this workspace');
    expect(renamedHtml).toContain('value="typed"');
    const bad = await page(`/accounts/${account.id}`, await sessionForm(token, accountFields({ username: "edit_me", device: "has space" })));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("device must be printable ASCII without spaces");
    expect(await accountsOf(ws)).toEqual(before);
  });

  it("disables and enables an account, and clears the mark a task left", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "switch" });
    await env.DB.prepare("update accounts set attention_reason = 'logged out', attention_code = 1011, attention_task_id = 7, attention_at = ? where id = ?").bind(Date.now(), account.id).run();
    const token = await signIn(ws);
    const html = await (await page(`/accounts/${account.id}`, withCookie(token))).text();
    expect(html).toContain("Needs a person: logged out");
    expect(html).toContain(`action="/accounts/${account.id}/clear-attention"`);
    expect(html).toContain(`action="/accounts/${account.id}/disable"`);

    const disabled = await page(`/accounts/${account.id}/disable`, await sessionForm(token, []));
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get("location")).toBe(`/accounts/${account.id}?saved=1`);
    expect((await accountsOf(ws))[0]?.status).toBe(1);
    const after = await (await page(`/accounts/${account.id}?saved=1`, withCookie(token))).text();
    expect(after).toContain(`action="/accounts/${account.id}/enable"`);
    expect(after).toContain("Saved.");
    await page(`/accounts/${account.id}/enable`, await sessionForm(token, []));
    expect((await accountsOf(ws))[0]?.status).toBe(0);

    expect((await page(`/accounts/${account.id}/clear-attention`, await sessionForm(token, []))).status).toBe(303);
    expect((await accountsOf(ws))[0]?.needs_attention).toBeNull();
    expect(await (await page(`/accounts/${account.id}`, withCookie(token))).text()).not.toContain("clear-attention");
  });

  it("deletes an account only once the confirming form is posted", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "doomed", tags: ["x"], device: "p9" });
    const token = await signIn(ws);
    const ask = await page(`/accounts/${account.id}/delete`, await sessionForm(token, []));
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain("Delete @doomed?");
    expect(askHtml).toContain('name="confirm" value="1"');
    expect(await accountsOf(ws)).toHaveLength(1);

    const deleted = await page(`/accounts/${account.id}/delete`, await sessionForm(token, [["confirm", "1"]]));
    expect(deleted.headers.get("location")).toBe("/accounts?deleted=1");
    expect(await accountsOf(ws)).toEqual([]);
    expect(await serialsOf(ws)).toEqual(["p9"]);
    expect(await (await page("/accounts?deleted=1", withCookie(token))).text()).toContain("Deleted.");
    expect((await page(`/accounts/${account.id}`, withCookie(token))).status).toBe(404);
  });

  it("leaves another workspace's account alone: its page is a 404, and every post is a 404 that changes nothing", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const theirs = await addAccount(other, { username: "theirs", tags: ["t"], device: "their-phone" });
    await env.DB.prepare("update accounts set attention_reason = 'banned', attention_code = 1014, attention_task_id = 3, attention_at = ? where id = ?").bind(Date.now(), theirs.id).run();
    const before = await accountsOf(other);
    const token = await signIn(ws);
    const view = await page(`/accounts/${theirs.id}`, withCookie(token));
    expect(view.status).toBe(404);
    expect(await view.text()).not.toContain("theirs");
    for (const [path, fields] of [
      [`/accounts/${theirs.id}`, accountFields({ username: "stolen", device: "my-phone", tags: "" })],
      [`/accounts/${theirs.id}`, accountFields({ username: "", platform: "nope" })],
      [`/accounts/${theirs.id}/disable`, []],
      [`/accounts/${theirs.id}/enable`, []],
      [`/accounts/${theirs.id}/clear-attention`, []],
      [`/accounts/${theirs.id}/delete`, []],
      [`/accounts/${theirs.id}/delete`, [["confirm", "1"]]],
    ] as [string, [string, string][]][]) {
      const answer = await page(path, await sessionForm(token, fields));
      expect(answer.status, path).toBe(404);
      expect(await answer.text(), path).not.toContain("theirs");
    }
    expect(await accountsOf(other)).toEqual(before);
    expect(await accountsOf(ws)).toEqual([]);
    expect(await serialsOf(ws)).toEqual([]);
  });

  it("refuses a post without the session's CSRF token (403), changing nothing", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "guarded", tags: ["a"] });
    const token = await signIn(ws);
    const before = await accountsOf(ws);
    for (const [path, fields] of [
      ["/accounts", accountFields({ username: "sneaky" })],
      [`/accounts/${account.id}`, accountFields({ username: "renamed", tags: "" })],
      [`/accounts/${account.id}/disable`, []],
      [`/accounts/${account.id}/delete`, [["confirm", "1"]]],
    ] as [string, [string, string][]][]) {
      expect((await page(path, withCookie(token, form(fields)))).status, path).toBe(403);
      expect((await page(path, withCookie(token, form([...fields, ["_csrf", "forged"]])))).status, path).toBe(403);
    }
    expect(await accountsOf(ws)).toEqual(before);
  });
});
