ALTER TABLE `devices` ADD `connected` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `attempt_id` text;--> statement-breakpoint
ALTER TABLE `task_logs` ADD `attempt_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `task_logs` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `task_logs_line` ON `task_logs` (`task_id`,`attempt_id`,`seq`);