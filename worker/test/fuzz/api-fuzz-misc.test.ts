import { defineFuzzSuite } from "./fuzz-suite";
import type { RouteSpec } from "./http-cases";

/**
 * Hostile requests to the rest: license, devices, the agent's HTTP routes, and paths no
 * route serves, inside and outside /api/v1. Bounded: about 280 requests, 40 s.
 */

defineFuzzSuite(
  "misc",
  (world): [RouteSpec, number][] => [
    [{ name: "GET /license/check", method: "GET", path: "/api/v1/license/check" }, 40],
    [{ name: "GET /devices", method: "GET", path: "/api/v1/devices", query: { online: ["0", "1"], page: ["1", "2"], page_size: ["1", "100"] } }, 60],
    [
      // Names no route has; the key is valid, so these are 40401 (or 40301 for Starter).
      { name: "unknown /api/v1 paths", method: "GET", path: "/api/v1/{id}", known: false, ids: () => ["tasks", "nothing", "task/1/stop/extra", "accounts/1/x", "devices/1", "license"] },
      60,
    ],
    // Outside /api/v1 but in /api: the API's, in the envelope (outside /api is the dashboard, worker/web/).
    [{ name: "outside /api/v1", method: "GET", path: "/api/{id}", known: false, credential: "none", ids: () => ["", "v2/task", "v1", "V1/TASK"] }, 25],
    [
      // Without `Upgrade: websocket` (the WebSocket fuzz is agent-ws-fuzz.test.ts).
      { name: "GET /agent/devices/{id}/ws", method: "GET", path: "/api/v1/agent/devices/{id}/ws", credential: "agent_token", ids: () => ["fz-1", "192.168.1.5:5555"] },
      40,
    ],
    [
      {
        name: "PUT /agent/tasks/{id}/screenshot",
        method: "PUT",
        path: "/api/v1/agent/tasks/{id}/screenshot",
        credential: "agent_token",
        headers: { "content-type": "image/png" },
        ids: () => [...world().taskIds.slice(0, 5).map(String), String(world().otherTaskId)],
      },
      50,
    ],
  ],
  [0, 40001, 40101, 40301, 40401],
);
