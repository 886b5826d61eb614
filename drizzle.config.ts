import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes the SQL migrations that wrangler applies (local and --remote).
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema/index.ts",
  out: "./migrations",
});
