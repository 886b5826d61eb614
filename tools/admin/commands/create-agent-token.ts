import { issueCommand } from "./issue-credential";

export const createAgentTokenCommand = issueCommand(
  "create-agent-token",
  "agent_token",
  "issue an agent token (for a PC that drives phones)",
);
