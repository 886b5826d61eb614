import { createApp } from "./app";
import type { Env } from "./env";
import { scheduled } from "./scheduled";

export { DeviceObject } from "./device/device-object";
export { RateLimiter } from "./rate-limit/rate-limiter";

const app = createApp();

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
