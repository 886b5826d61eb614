import { Hono } from "hono";
import { z } from "zod";
import { pollPairing, startPairing } from "../../agents/pairing";
import { openDirectory } from "../../shards/directory";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";

const startBody = z.strictObject({ name: z.string().trim().min(1).max(64).default("a studio PC") });
const pollBody = z.strictObject({ poll_token: z.string().regex(/^tmp_[A-Za-z0-9_-]{43}$/, { message: "must be the poll_token POST /agent/pair answered" }) });

/**
 * Pairing an agent without copying a token (docs/agent-pairing.md): no credential here, since
 * the agent has none yet. `POST /agent/pair` gives the code to show and a secret to poll with;
 * `POST /agent/pair/poll` answers waiting, then (once a person approved the code) the token.
 */
export const pairRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { name } = await readJson(c, startBody);
    return success(c, await startPairing(openDirectory(c.env), name));
  })
  .post("/poll", async (c) => {
    const { poll_token } = await readJson(c, pollBody);
    return success(c, await pollPairing(openDirectory(c.env), poll_token));
  });
