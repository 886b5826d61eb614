-- Usernames are now stored as TikTok and Instagram compare them: lower-case (worker/accounts/fields.ts,
-- canonicalUsername). SQLite's lower() folds ASCII only, which is every character either platform
-- allows in a handle. OR IGNORE: where "Alice" and "alice" were both stored, the second keeps its
-- spelling rather than failing the migration; it can be deleted or renamed by its id.
UPDATE OR IGNORE `accounts` SET `username` = lower(`username`) WHERE `username` <> lower(`username`);--> statement-breakpoint
UPDATE `tasks` SET `username` = lower(`username`) WHERE `username` IS NOT NULL AND `username` <> lower(`username`);
