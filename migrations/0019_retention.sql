CREATE TABLE `history_moves` (
	`workspace_id` text NOT NULL,
	`day` text NOT NULL,
	`task_id` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `day`, `task_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `workspaces` ADD `retention_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
CREATE INDEX `tasks_history` ON `tasks` (`workspace_id`,`finished_at`);