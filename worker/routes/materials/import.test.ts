import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { IMPORTABLE, importableVideo, MEDIA_HOST } from "../../test/test-internet";
import { expectApiError } from "../../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";
import { sha256Hex } from "./test-files";

// POST /api/v1/materials/import: the Worker fetches a user's https:// URL into the library.
// The remote side is worker/test/test-internet.ts (miniflare's outbound service).

const media = (path: string) => `https://${MEDIA_HOST}${path}`;
const importUrl = (ws: TestWorkspace, body: Record<string, unknown>) => ws.call("POST", "/api/v1/materials/import", body);

/** The workspace's materials, and its objects in R2: a refused import leaves neither. */
async function stored(ws: TestWorkspace): Promise<{ materials: number; objects: number }> {
  const objects = await env.MEDIA.list({ prefix: `materials/${ws.id}/` });
  return { materials: (await ws.call("GET", "/api/v1/materials")).data.total as number, objects: objects.objects.length };
}
const NOTHING = { materials: 0, objects: 0 };

describe("POST /api/v1/materials/import", () => {
  it("stores the file's exact bytes, its type from the bytes, named after the URL, with the metadata given", async () => {
    const ws = await createTestWorkspace();
    const answer = await importUrl(ws, { url: media("/clips/beach%20day.mp4"), tags: ["summer"], caption: "imported" });
    expect(answer.code, answer.message).toBe(0);
    const bytes = importableVideo(IMPORTABLE.size, IMPORTABLE.seed);
    expect(answer.data).toMatchObject({ file_name: "beach day.mp4", media_type: "video", content_type: "video/mp4", size: IMPORTABLE.size, sha256: await sha256Hex(bytes), tags: ["summer"], caption: "imported" });
    const content = await SELF.fetch(`https://api.test/api/v1/materials/${answer.data.id}/content`, { headers: { authorization: `Bearer ${ws.apiKey}` } });
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(bytes);
  });

  it("follows a redirect, and the same file imported again is the material already stored", async () => {
    const ws = await createTestWorkspace();
    const first = await importUrl(ws, { url: media("/clips/beach%20day.mp4") });
    const again = await importUrl(ws, { url: media("/hop"), file_name: "other.mp4" });
    expect(again.code, again.message).toBe(0);
    expect(again.data.id).toBe(first.data.id);
    expect(await stored(ws)).toEqual({ materials: 1, objects: 1 });
  });

  it.each([
    ["http://media.example.com/a.mp4", /url must be https:\/\/, got http:\/\//],
    ["ftp://media.example.com/a.mp4", /url must be https:\/\/, got ftp:\/\//],
    ["https://user:secret@media.example.com/a.mp4", /user name or password/],
    ["https://127.0.0.1/a.mp4", /host 127\.0\.0\.1 is a loopback address/],
    ["https://2130706433/a.mp4", /host 127\.0\.0\.1 is a loopback address/],
    ["https://0x7f.1/a.mp4", /host 127\.0\.0\.1 is a loopback address/],
    ["https://10.0.0.5/a.mp4", /host 10\.0\.0\.5 is a private address/],
    ["https://192.168.1.1/a.mp4", /a private address/],
    ["https://169.254.169.254/latest/meta-data/", /a link-local address/],
    ["https://100.64.0.1/a.mp4", /carrier-grade NAT/],
    ["https://0.0.0.0/a.mp4", /an unspecified address/],
    ["https://[::1]/a.mp4", /host ::1 is a loopback address/],
    ["https://[::ffff:127.0.0.1]/a.mp4", /a loopback address \(IPv4-mapped\)/],
    ["https://[fe80::1]/a.mp4", /a link-local address/],
    ["https://[fd00::5]/a.mp4", /a unique-local address/],
    ["https://localhost/a.mp4", /host localhost is a local or private name/],
    ["https://api.localhost/a.mp4", /local or private name/],
    ["https://nas.local/a.mp4", /local or private name/],
    ["https://metadata.google.internal/a.mp4", /local or private name/],
    ["https://router.home.arpa/a.mp4", /local or private name/],
    ["https://intranet/a.mp4", /local or private name/],
    ["https://media.example.com:8080/a.mp4", /https port \(443\), got 8080/],
    ["not a url", /url is not a URL/],
  ])("refuses %s before fetching anything", async (url, why) => {
    const ws = await createTestWorkspace();
    expectApiError(await importUrl(ws, { url }), 40001, why);
    expect(await stored(ws)).toEqual(NOTHING);
  });

  it.each([
    ["/into-the-lan", /host 192\.168\.1\.10 is a private address/],
    ["/to-http", /must be https:\/\//],
    ["/loop", /redirected more than 5 times/],
    ["/missing.mp4", /url answered 404 from media\.example\.com/],
    ["/page.html", /the bytes are not a file the library takes/],
    ["/streamed.mp4", /did not say the file's size \(Content-Length\)/],
    ["/huge.mp4", /the file is 5497558138880 bytes; the \w+ plan takes files of at most/],
  ])("refuses what %s answers, and stores nothing", async (path, why) => {
    const ws = await createTestWorkspace();
    expectApiError(await importUrl(ws, { url: media(path) }), 40001, why);
    expect(await stored(ws)).toEqual(NOTHING);
  });

  it("a host that does not answer is 40001 naming it", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await importUrl(ws, { url: "https://gone.example.net/a.mp4" }), 40001, /gone\.example\.net/);
  });

  it("refuses a body with unknown fields or without url", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await importUrl(ws, {}), 40001, /url/);
    expectApiError(await importUrl(ws, { url: media("/clips/beach%20day.mp4"), colour: "red" }), 40001, /colour/);
  });
});
