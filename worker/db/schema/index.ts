export * from "./workspaces";
export * from "./credentials";
export * from "./devices";
export * from "./accounts";
export * from "./tasks";
export * from "./task-logs";
export * from "./idempotency-keys";
export * from "./materials";
