import { createApp } from "./app";
import type { Env } from "./env";

export { DeviceObject } from "./device/device-object";

const app = createApp();

export default app satisfies ExportedHandler<Env>;
