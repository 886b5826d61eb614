import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { defineFuzzSuite } from "./fuzz-suite";
import type { RouteSpec } from "./http-cases";

/**
 * Hostile requests to the material library's JSON routes: the envelope with the right code
 * every time, never a 500, and no row (material, tag, upload) written by a refused request.
 * The raw-body routes (single upload, parts) are checked by their own tests. Bounded: about
 * 300 requests, 40 s.
 */

const world = defineFuzzSuite(
  "materials",
  (world): [RouteSpec, number][] => {
    const ids = () => [...world().materialIds.map(String), String(world().otherMaterialId), "999999"];
    const uploads = () => [...world().uploadIds, "AAAAAAAAAAAAAAAAAAAAAA"];
    const listQuery = { tag: ["summer"], type: ["video", "image"], used: ["0", "1"], username: ["fz_alice"], page: ["1"], page_size: ["1", "100"] };
    return [
      [{ name: "GET /materials", method: "GET", path: "/api/v1/materials", allowed: ["GET", "POST"], query: listQuery }, 60],
      [{ name: "GET /materials/{id}", method: "GET", path: "/api/v1/materials/{id}", allowed: ["GET", "PATCH", "DELETE"], ids }, 40],
      [
        {
          name: "PATCH /materials/{id}",
          method: "PATCH",
          path: "/api/v1/materials/{id}",
          allowed: ["GET", "PATCH", "DELETE"],
          ids,
          body: () => ({ tags: ["autumn"], caption: "fz", username: "fz_alice", sort_key: 2, used: 0 }),
        },
        90,
      ],
      [
        {
          name: "POST /materials/uploads",
          method: "POST",
          path: "/api/v1/materials/uploads",
          allowed: ["POST"],
          body: () => ({ content_type: "video/mp4", size: 12 * 1024 * 1024, part_size: 6 * 1024 * 1024, file_name: "fz.mp4", tags: ["fz"] }),
        },
        60,
      ],
      [{ name: "GET /materials/uploads/{id}", method: "GET", path: "/api/v1/materials/uploads/{id}", allowed: ["GET", "DELETE"], ids: uploads }, 30],
      [{ name: "DELETE /materials/{id}", method: "DELETE", path: "/api/v1/materials/{id}", allowed: ["GET", "PATCH", "DELETE"], ids }, 20],
    ];
  },
  [0, 40001, 40101, 40301, 40401],
);

it("left the other workspace's material as it was", async () => {
  const row = await env.DB.prepare("SELECT caption, used_at, claimed_by_task_id FROM materials WHERE id = ?").bind(world().otherMaterialId).first();
  expect(row).toEqual({ caption: "", used_at: null, claimed_by_task_id: null });
});
