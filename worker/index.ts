import { createApp } from "./app";
import type { Env } from "./env";

export { DeviceObject } from "./device/device-object";
export { RateLimiter } from "./rate-limit/rate-limiter";

const app = createApp();

export default app satisfies ExportedHandler<Env>;
