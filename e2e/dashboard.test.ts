import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TikTokApp } from "../fake-phone";
import { REPO_ROOT } from "../tools/lib/repo";
import { horizontalOverflow, launchBrowser, phoneContext, seriousViolations } from "./browser";
import { Studio } from "./system";

/**
 * The dashboard in a real Chromium at a phone's size, against wrangler dev with the agent and
 * three fake phones: sign in by key and by link, the phones grid, sign-out, a stale session, a
 * CSRF attempt, no horizontal scrolling at 360 px, and axe-core's check. It takes each page's
 * screenshot, light and dark: into docs/screens/ (committed, shown in the README) when run with
 * UPDATE_SCREENS=1, else into a temporary folder, so a test run leaves the tree as it was.
 */
let studio: Studio;
let browser: Browser;
let SCREENS = join(REPO_ROOT, "docs", "screens");
const PAGES = ["/", "/phones", "/tasks", "/post", "/library", "/accounts", "/accounts/new", "/settings"];
/** A task that ran, whose page the accessibility and overflow checks look at too. */
let ranTask: number | undefined;

beforeAll(async () => {
  [studio, browser] = await Promise.all([Studio.start([0, 1, 2].map(() => new TikTokApp({ uploadMs: 300 }))), launchBrowser()]);
  if (process.env.UPDATE_SCREENS !== "1") SCREENS = await mkdtemp(join(tmpdir(), "tikmatrix-screens-"));
  await mkdir(SCREENS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await Promise.all([browser?.close(), studio?.stop()]);
  if (process.env.UPDATE_SCREENS !== "1") await rm(SCREENS, { recursive: true, force: true });
}, 60_000);

/** docs/screens/<name>-light.png: home, phones, tasks, task. */
function screenName(path: string): string {
  if (path === "/") return "home";
  return /^\/tasks\/\d+$/.test(path) ? "task" : path.slice(1).replaceAll("/", "-");
}

async function signInWithKey(page: Page): Promise<void> {
  await page.goto(`${studio.server.baseUrl}/`);
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.getByLabel("API key").fill(studio.server.apiKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${studio.server.baseUrl}/`);
}

describe("the dashboard on a phone", () => {
  test("signs in with an API key; the home page says what needs you, then today's counts; the phones grid shows the three phones online", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInWithKey(page);
    await expect(page.getByRole("heading", { name: "Needs you" })).toBeDefined();
    expect(await page.locator("[data-count]").count()).toBe(4);
    await page.getByRole("link", { name: "Phones" }).click();
    await page.waitForURL(`${studio.server.baseUrl}/phones`);
    const cards = page.locator("li.phone");
    expect(await cards.count()).toBe(3);
    expect(await page.locator('li.phone[data-presence="online"]').count()).toBe(3);
    for (const { serial } of studio.phones) expect(await page.locator(`li.phone[data-serial="${serial}"]`).count()).toBe(1);
    await context.close();
  });

  test("signs in by a one-time link from `admin create-login`, which then is spent", async () => {
    const link = await studio.server.admin("create-login", "agent-studio", "--url", studio.server.baseUrl);
    expect(link).toMatch(/\/login\/link\/tml_/);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${studio.server.baseUrl}/`);
    expect(await page.getByRole("heading", { name: "Home" }).count()).toBe(1);
    const again = await (await phoneContext(browser)).newPage();
    const response = await again.goto(link);
    expect(response?.status()).toBe(410);
    await context.close();
  });

  test("signs out; the old session's cookie then opens nothing, and a form without its CSRF token is refused", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInWithKey(page);
    // A cross-site-style post from the page itself, without the token: refused.
    const status = await page.evaluate(async () => (await fetch("/logout", { method: "POST", body: new URLSearchParams({ _csrf: "forged" }) })).status);
    expect(status).toBe(403);
    const cookies = await context.cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login\?out=1$/);
    expect(await page.getByText("Signed out.").count()).toBe(1);
    await context.addCookies(cookies);
    await page.goto(`${studio.server.baseUrl}/phones`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/login?ended=1");
    expect(await page.getByText("Your session ended.").count()).toBe(1);
    await context.close();
  });

  test("a post that ran shows in the list; its page has the log and the screenshot full size; the phone's card shows the thumbnail", async () => {
    const [phone] = studio.phones;
    const video = await studio.material("dash.mp4");
    const [id = 0] = await studio.post([phone!.serial], { material_list: [video.path], captions: "From the rack" });
    expect((await studio.ended(id, 90_000)).status, studio.diagnostics()).toBe(2);
    ranTask = id;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInWithKey(page);
    await page.goto(`${studio.server.baseUrl}/tasks`);
    await page.getByRole("link", { name: `#${id} post` }).click();
    await page.waitForURL(`${studio.server.baseUrl}/tasks/${id}`);
    expect(await page.locator('[data-field="status"]').textContent()).toBe("Done");
    expect(await page.locator("ol.log li").count()).toBeGreaterThan(3);
    const shot = page.locator("img.shot");
    await shot.waitFor();
    expect(await shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
    await page.goto(`${studio.server.baseUrl}/phones`);
    const thumb = page.locator(`li.phone[data-serial="${phone!.serial}"] img.thumb`);
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await context.close();
  });

  test("a post made on the page from a file uploaded from the phone (in two parts, one sent twice after a lost connection) runs, and its page shows the screenshot", async () => {
    const phone = studio.phones[2]!;
    const dir = await mkdtemp(join(tmpdir(), "tikmatrix-upload-"));
    const file = join(dir, "from-camera-roll.mp4");
    const bytes = randomBytes(6 * 1024 * 1024); // over the script's 5 MiB part: two parts
    bytes.set([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], 0); // an MP4's ftyp box
    await writeFile(file, bytes);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInWithKey(page);
    await page.goto(`${studio.server.baseUrl}/post`);
    // The second part's first try breaks off, as on a train: the script sends it again.
    let broken = false;
    await page.route(/\/library\/files\/uploads\/[^/]+\/parts\/2$/, (route) => {
      if (broken) return route.continue();
      broken = true;
      return route.abort("connectionreset");
    });
    await page.getByText("Upload from this device").click();
    await page.getByLabel("Videos or images").setInputFiles(file);
    await page.getByLabel("Tags", { exact: true }).fill("from-page");
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const row = page.locator(".uploads li[data-material]");
    await row.waitFor({ timeout: 60_000 });
    expect(broken).toBe(true);
    const materialId = Number(await row.getAttribute("data-material"));
    expect(await page.locator(`#post-materials input[value="${materialId}"]`).isChecked()).toBe(true);
    expect(await page.locator('input[name="media"][value="chosen"]').isChecked()).toBe(true);
    await page.locator(`input[name="serial"][value="${phone.serial}"]`).check();
    await page.getByLabel("Captions", { exact: true }).fill("From the page##Posted from a phone's browser");
    await expect.poll(() => page.locator('#caption-preview [data-part="title"]').first().textContent()).toBe("From the page");
    await page.getByRole("button", { name: "Create the posts" }).click();
    await page.waitForURL(/\/tasks\?source=ui&notice=/);
    expect(await page.getByText("1 post created.").count()).toBe(1);
    const listed = (await studio.api("GET", "/task?source=ui")) as { tasks: { id: number; serial: string }[] };
    const task = listed.tasks.find((t) => t.serial === phone.serial);
    expect(task).toBeDefined();
    expect((await studio.ended(task!.id, 120_000)).status, studio.diagnostics()).toBe(2);
    const stored = (await studio.api("GET", `/materials/${materialId}`)) as { size: number; used: number; tags: string[] };
    expect(stored).toMatchObject({ size: bytes.length, used: 1, tags: ["from-page"] });
    await page.goto(`${studio.server.baseUrl}/tasks/${task!.id}`);
    const shot = page.locator("img.shot");
    await shot.waitFor();
    expect(await shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("stop and retry from a task's page, and a bulk delete from the list", async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const serial = studio.phones[1]!.serial;
    const video = await studio.material("later.mp4");
    const [stopMe = 0, del1 = 0, del2 = 0] = await studio.post([serial, serial, serial], { material_list: [video.path] }, { start_time: later });
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInWithKey(page);
    await page.goto(`${studio.server.baseUrl}/tasks/${stopMe}`);
    await page.getByRole("button", { name: "Stop" }).click();
    await page.waitForURL(`${studio.server.baseUrl}/tasks/${stopMe}`);
    expect(await page.locator('[data-field="fail_code"]').textContent()).toBe("1007 stopped");
    await page.getByRole("button", { name: "Retry" }).click();
    await page.waitForURL(`${studio.server.baseUrl}/tasks/${stopMe}`);
    expect((await studio.task(stopMe)).retry_count).toBe(1);
    await page.goto(`${studio.server.baseUrl}/tasks?serial=${encodeURIComponent(serial)}`);
    await page.getByLabel(`Select task ${del1}`).check();
    await page.getByLabel(`Select task ${del2}`).check();
    // Past the list's 10 s refresh: the ticks stay (a refresh would have undone them).
    await page.waitForTimeout(11_000);
    expect(await page.getByLabel(`Select task ${del2}`).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(/\/tasks\?notice=/);
    expect(await page.getByText("Delete: 2 done.").count()).toBe(1);
    await expect(studio.api("GET", `/task/${del1}`)).rejects.toThrow(/40401/);
    await expect(studio.api("GET", `/task/${del2}`)).rejects.toThrow(/40401/);
    // The retried task is due at once (a retry is not held to the create's start time): it runs to its end.
    expect((await studio.ended(stopMe, 120_000)).status, studio.diagnostics()).toBe(2);
    await context.close();
  });

  test("no page scrolls sideways at 360 px, axe-core finds nothing serious, and each page's screenshot is written, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await phoneContext(browser, { colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${studio.server.baseUrl}/login`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENS, `sign-in-${colorScheme}.png`) });
      await signInWithKey(page);
      for (const path of [...PAGES, ...(ranTask === undefined ? [] : [`/tasks/${ranTask}`])]) {
        await page.goto(`${studio.server.baseUrl}${path}`);
        expect(await seriousViolations(page), path).toEqual([]);
        await page.screenshot({ path: join(SCREENS, `${screenName(path)}-${colorScheme}.png`), fullPage: true });
        await page.setViewportSize({ width: 360, height: 740 });
        expect(await horizontalOverflow(page), path).toBe(0);
        await page.setViewportSize({ width: 390, height: 844 });
      }
      await context.close();
    }
  });

  test("speaks Chinese to a browser that asks for it", async () => {
    const context = await phoneContext(browser, { locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${studio.server.baseUrl}/login`);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.getByRole("button", { name: "登录" }).count()).toBe(1);
    await context.close();
  });
});
