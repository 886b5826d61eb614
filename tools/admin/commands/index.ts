import type { Command } from "../command";
import { approveAgentCommand } from "./approve-agent";
import { createAgentTokenCommand } from "./create-agent-token";
import { createKeyCommand } from "./create-key";
import { createLoginCommand } from "./create-login";
import { createWorkspaceCommand } from "./create-workspace";
import { listKeysCommand } from "./list-keys";
import { listWorkspacesCommand } from "./list-workspaces";
import { revokeCommand } from "./revoke";
import { setPlanCommand } from "./set-plan";
import { setWorkspaceCommand } from "./set-workspace";

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  createWorkspaceCommand,
  createKeyCommand,
  createAgentTokenCommand,
  approveAgentCommand,
  createLoginCommand,
  setWorkspaceCommand,
  setPlanCommand,
  revokeCommand,
  listWorkspacesCommand,
  listKeysCommand,
];
