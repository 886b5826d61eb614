import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { defineFuzzSuite } from "./fuzz-suite";
import type { RouteSpec } from "./http-cases";
import { SERIALS } from "./fuzz-workspace";

/**
 * Hostile requests to the account routes: the envelope with the right code every time,
 * never a 500, and no row (account, tag, device) written by a refused request. Bounded:
 * about 330 requests, 40 s.
 */

const world = defineFuzzSuite(
  "accounts",
  (world): [RouteSpec, number][] => {
    const ids = () => [...world().accountIds.map(String), String(world().otherAccountId), "999999"];
    const account = {
      username: "fz_new",
      platform: "tiktok",
      email: "new@example.com",
      password: "pw",
      packagename: "com.zhiliaoapp.musically",
      device: "fz-1",
      logined: 0,
      status: 0,
      tags: ["warm", "eu"],
    };
    const listQuery = { platform: ["tiktok", "instagram"], device: SERIALS, logined: ["0", "1"], status: ["0", "1"], tag: ["warm"], page: ["1"], page_size: ["1", "100"] };
    return [
      [
        {
          name: "POST /accounts",
          method: "POST",
          path: "/api/v1/accounts",
          allowed: ["GET", "POST"],
          body: () => account,
          // A username the workspace has on that platform, with or without its "@".
          signatures: [
            { body: { username: "fz_alice" }, code: 40901 },
            { body: { username: "@fz_bob", platform: "tiktok" }, code: 40901 },
          ],
        },
        130,
      ],
      [{ name: "GET /accounts", method: "GET", path: "/api/v1/accounts", allowed: ["GET", "POST"], query: listQuery }, 70],
      [
        {
          name: "PATCH /accounts/{id}",
          method: "PATCH",
          path: "/api/v1/accounts/{id}",
          allowed: ["PATCH", "DELETE"],
          ids,
          body: () => ({ email: "changed@example.com", status: 1, device: "fz-2", tags: ["x"] }),
        },
        90,
      ],
      [{ name: "DELETE /accounts/{id}", method: "DELETE", path: "/api/v1/accounts/{id}", allowed: ["PATCH", "DELETE"], ids }, 40],
    ];
  },
  [0, 40001, 40101, 40301, 40401, 40901],
);

it("left the other workspace's account as it was", async () => {
  const row = await env.DB.prepare("SELECT username, status, device FROM accounts WHERE id = ?").bind(world().otherAccountId).first();
  expect(row).toEqual({ username: "fz_other", status: 0, device: "fz-1" });
});
