import { issueCommand } from "./issue-credential";

export const createKeyCommand = issueCommand("create-key", "api_key", "issue an API key (for callers of /api/v1)");
