CREATE TABLE `material_tags` (
	`workspace_id` text NOT NULL,
	`tag` text NOT NULL,
	`material_id` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `tag`, `material_id`),
	FOREIGN KEY (`material_id`) REFERENCES `materials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `material_tags_material` ON `material_tags` (`material_id`);--> statement-breakpoint
CREATE TABLE `materials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`r2_key` text NOT NULL,
	`caption` text DEFAULT '' NOT NULL,
	`username` text DEFAULT '' NOT NULL,
	`sort_key` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`used_at` integer,
	`used_by_task_id` integer,
	`used_by_username` text,
	`claimed_by_task_id` integer,
	`claimed_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `materials_sha256` ON `materials` (`workspace_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `materials_workspace` ON `materials` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `materials_pick` ON `materials` (`workspace_id`,`media_type`,`used_at`,`claimed_by_task_id`);--> statement-breakpoint
CREATE INDEX `materials_username` ON `materials` (`workspace_id`,`username`);