-- The task counts (worker/db/schema/task-counts.ts) are kept by these triggers, so every
-- insert, delete and change of a task, from any code path (the Worker, a phone's object,
-- a migration, the bench's seed), moves the counts in the same statement: atomically, and
-- never out of step with the rows. Rows: dimension '' (all tasks), 'serial', 'script'
-- (script_name) and 'source', each by status.
--
-- Decrements are UPDATEs, never upserts: when a workspace is deleted, ON DELETE CASCADE may
-- remove its counts before its tasks, and an upsert would then insert a -1 row for a
-- workspace that no longer exists (refused by the foreign key, failing the delete). A count
-- that reaches 0 keeps its row (docs/api.md "Counts").
--
-- Written for wrangler's statement splitter too (`wrangler d1 migrations apply --local`
-- and the tests' applyD1Migrations): it keeps a trigger whole from a BEGIN preceded and
-- followed by white space to an END in capitals followed by a semicolon. Every trigger
-- below must keep that spelling; worker/tasks/task-counts-migration.test.ts checks it.
-- Nothing here may REPLACE a task (INSERT OR REPLACE): SQLite runs no delete trigger then.
CREATE TRIGGER `task_counts_insert` AFTER INSERT ON `tasks`
BEGIN
  INSERT INTO `task_counts` (`workspace_id`, `dimension`, `value`, `status`, `n`) VALUES
    (NEW.`workspace_id`, '', '', NEW.`status`, 1),
    (NEW.`workspace_id`, 'serial', NEW.`serial`, NEW.`status`, 1),
    (NEW.`workspace_id`, 'script', NEW.`script_name`, NEW.`status`, 1),
    (NEW.`workspace_id`, 'source', NEW.`source`, NEW.`status`, 1)
  ON CONFLICT (`workspace_id`, `dimension`, `value`, `status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `task_counts_delete` AFTER DELETE ON `tasks`
BEGIN
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = '' AND `value` = '' AND `status` = OLD.`status`;
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = 'serial' AND `value` = OLD.`serial` AND `status` = OLD.`status`;
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = 'script' AND `value` = OLD.`script_name` AND `status` = OLD.`status`;
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = 'source' AND `value` = OLD.`source` AND `status` = OLD.`status`;
END;--> statement-breakpoint
-- Only when a counted column really changes: most updates of a task (progress, posted, a
-- remark) set none of them, and one that sets a status to the one it has moves nothing.
CREATE TRIGGER `task_counts_update` AFTER UPDATE OF `workspace_id`, `status`, `serial`, `script_name`, `source` ON `tasks`
WHEN OLD.`workspace_id` IS NOT NEW.`workspace_id` OR OLD.`status` IS NOT NEW.`status` OR OLD.`serial` IS NOT NEW.`serial`
  OR OLD.`script_name` IS NOT NEW.`script_name` OR OLD.`source` IS NOT NEW.`source`
BEGIN
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = '' AND `value` = '' AND `status` = OLD.`status`;
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = 'serial' AND `value` = OLD.`serial` AND `status` = OLD.`status`;
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = 'script' AND `value` = OLD.`script_name` AND `status` = OLD.`status`;
  UPDATE `task_counts` SET `n` = `n` - 1
    WHERE `workspace_id` = OLD.`workspace_id` AND `dimension` = 'source' AND `value` = OLD.`source` AND `status` = OLD.`status`;
  INSERT INTO `task_counts` (`workspace_id`, `dimension`, `value`, `status`, `n`) VALUES
    (NEW.`workspace_id`, '', '', NEW.`status`, 1),
    (NEW.`workspace_id`, 'serial', NEW.`serial`, NEW.`status`, 1),
    (NEW.`workspace_id`, 'script', NEW.`script_name`, NEW.`status`, 1),
    (NEW.`workspace_id`, 'source', NEW.`source`, NEW.`status`, 1)
  ON CONFLICT (`workspace_id`, `dimension`, `value`, `status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
-- The tasks that exist already. In the same file as the triggers: wrangler applies a
-- migration as one batch (D1 runs it in one transaction), so no task is made between the
-- count and the first trigger, and none is counted twice.
INSERT INTO `task_counts` (`workspace_id`, `dimension`, `value`, `status`, `n`)
  SELECT `workspace_id`, '', '', `status`, count(*) FROM `tasks` GROUP BY `workspace_id`, `status`;--> statement-breakpoint
INSERT INTO `task_counts` (`workspace_id`, `dimension`, `value`, `status`, `n`)
  SELECT `workspace_id`, 'serial', `serial`, `status`, count(*) FROM `tasks` GROUP BY `workspace_id`, `serial`, `status`;--> statement-breakpoint
INSERT INTO `task_counts` (`workspace_id`, `dimension`, `value`, `status`, `n`)
  SELECT `workspace_id`, 'script', `script_name`, `status`, count(*) FROM `tasks` GROUP BY `workspace_id`, `script_name`, `status`;--> statement-breakpoint
INSERT INTO `task_counts` (`workspace_id`, `dimension`, `value`, `status`, `n`)
  SELECT `workspace_id`, 'source', `source`, `status`, count(*) FROM `tasks` GROUP BY `workspace_id`, `source`, `status`;
