import { Hono } from "hono";
import { IDENTITY_HEADERS } from "../../device/device-object";
import { serialSchema } from "../../devices/serial";
import type { AppEnv } from "../../env";
import { invalid } from "../../http/api-error";
import { materialContent } from "../../materials/content";
import { materialOf } from "../../materials/material-id";
import { readBodyBytes } from "../../http/body-bytes";
import { success } from "../../http/envelope";
import { onNotFound } from "../../http/error-handler";
import { rejectOtherMethods } from "../../http/method-guard";
import { validate } from "../../../shared/validation";
import { deviceStub } from "../../tasks/device-queues";
import { getTask } from "../../tasks/queries";
import { taskIdParam } from "../tasks/params";
import { screenshotKey } from "../tasks/evidence";
import { noteScreenshot } from "../../devices/last-screenshot";
import { adbStatesBody, recordAdbStates } from "../../devices/adb-states";
import { readJson } from "../../http/json-body";
import { readQuery } from "../../http/query";
import { agentPhones, agentPhonesQuery } from "../../devices/agent-phones";

/** Largest screenshot accepted: a full-HD PNG is 1-3 MB. */
const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

/**
 * What agents call, with an agent token (never an API key). The WebSocket of one phone is
 * handed to that phone's object, which owns it from then on.
 */
export const agentRoutes = new Hono<AppEnv>()
  .get("/devices/:serial/ws", async (c) => {
    const serial = validate(serialSchema, c.req.param("serial"), "serial");
    if (!serial.ok) throw invalid(serial.message);
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw invalid("this route takes a WebSocket upgrade (Upgrade: websocket)");
    }
    const workspaceId = c.get("workspace").id;
    const headers = new Headers(c.req.raw.headers);
    headers.set(IDENTITY_HEADERS.workspace, workspaceId);
    headers.set(IDENTITY_HEADERS.serial, serial.value);
    headers.set(IDENTITY_HEADERS.credential, c.get("credentialId"));
    headers.delete("authorization"); // the object needs to know who, not the secret
    return deviceStub(c.env, workspaceId, serial.value).fetch(new Request(c.req.raw.url, { headers }));
  })
  .put("/tasks/:task_id{[0-9]+}/screenshot", async (c) => {
    const task = await getTask(c.get("db"), c.get("workspace").id, taskIdParam(c.req.param("task_id")));
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!IMAGE_TYPES.includes(type)) throw invalid(`Content-Type must be one of ${IMAGE_TYPES.join(", ")}`);
    const body = await readBodyBytes(c.req.raw, MAX_SCREENSHOT_BYTES, "screenshot");
    if (body.byteLength === 0) throw invalid("screenshot body is empty");
    await c.env.SCREENSHOTS.put(screenshotKey(task.workspaceId, task.id), body, { httpMetadata: { contentType: type } });
    await noteScreenshot(c.get("db"), task);
    return success(c, { task_id: task.id, bytes: body.byteLength });
  })
  // Every phone the agent's adb server lists, the ones it cannot drive too (unauthorized, offline).
  .put("/phones", async (c) => {
    const report = await readJson(c, adbStatesBody);
    await recordAdbStates(c.get("db"), c.get("workspace").id, report, Date.now());
    return success(c, { phones: report.phones.length });
  })
  // The same PC's phones as the server sees them (link, readiness, running task), for
  // `tikmatrix-agent status`; read-only, and narrowed to the agent id: devices/agent-phones.ts says why.
  .get("/phones", async (c) => {
    const query = readQuery(c, agentPhonesQuery);
    return success(c, await agentPhones(c.get("db"), c.get("workspace").id, query.agent_id, Date.now()));
  })
  // A library material's bytes for the phone that posts it, with Range so a download that
  // broke off resumes where it stopped; the agent checks them against the SHA-256 it is told.
  .get("/materials/:id/content", async (c) => {
    const row = await materialOf(c.get("db"), c.get("workspace").id, c.req.param("id"));
    return materialContent(c.env.MEDIA, row, c.req.raw.headers);
  });

// Answered here, with the agent's credential checked: a wrong method or an unknown agent
// path must not fall through to the user API's key check (which would say 40101).
rejectOtherMethods(agentRoutes);
agentRoutes.all("*", onNotFound);
