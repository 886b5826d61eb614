import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { listDevices } from "./list";

/** `/api/v1/devices`: one file per verb, mounted here. */
export const deviceRoutes = new Hono<AppEnv>().route("/", listDevices);
