/** Sent in hello and shown in GET /devices, so people can see which PCs run an old agent. */
export const AGENT_VERSION = "0.1.0";
