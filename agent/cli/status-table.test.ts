import { describe, expect, it } from "vitest";
import type { AgentPhone } from "../../shared/agent-phones";
import { statusLines } from "./status-table";

const phone = (serial: string, fields: Partial<AgentPhone> = {}): AgentPhone => ({
  serial,
  adb_state: "device",
  online: true,
  ready: true,
  not_ready_reason: null,
  last_seen: "2026-05-01T10:00:00.000Z",
  model: "Pixel 7",
  android_version: "14",
  current_task: null,
  ...fields,
});

describe("status's table", () => {
  it("shows each listed phone's link and running task, then the server's phones adb lists no more as gone", () => {
    const lines = statusLines(
      [
        { serial: "busy-1", state: "device", model: "Pixel_7", android: "14" },
        { serial: "locked-1", state: "unauthorized", model: "-", android: "-" },
      ],
      {
        agent_id: "pc-a",
        truncated: false,
        phones: [
          phone("busy-1", { current_task: { id: 123, script_name: "post", step: "upload" } }),
          phone("hot-1", { ready: false, not_ready_reason: "the battery is at 47.2 °C", current_task: { id: 7, script_name: "follow", step: null } }),
          phone("unplugged-1", { adb_state: "gone", online: false, model: null }),
        ],
      },
    );
    expect(lines).toEqual([
      "SERIAL       STATE         LINK     TASK                    MODEL    ANDROID",
      "busy-1       device        online   #123 post, step upload  Pixel_7  14",
      "locked-1     unauthorized  never    -                       -        -",
      "hot-1        gone          online   #7 follow               Pixel 7  14",
      "unplugged-1  gone          offline  -                       -        14",
      "hot-1: no new task: the battery is at 47.2 °C",
    ]);
  });

  it("leaves the link columns out without the server's view", () => {
    expect(statusLines([{ serial: "a-1", state: "device", model: "Pixel_7", android: "14" }], undefined)).toEqual(["SERIAL  STATE   MODEL    ANDROID", "a-1     device  Pixel_7  14"]);
  });
});
