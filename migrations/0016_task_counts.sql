CREATE TABLE `task_counts` (
	`workspace_id` text NOT NULL,
	`dimension` text NOT NULL,
	`value` text NOT NULL,
	`status` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `dimension`, `value`, `status`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tasks_script_source` ON `tasks` (`workspace_id`,`script_name`,`source`,`id`);