CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`plan` text NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`default_platform` text DEFAULT 'tiktok' NOT NULL,
	`max_retry_count` integer DEFAULT 3 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspaces_name_unique` ON `workspaces` (`name`);--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `credentials_workspace` ON `credentials` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`workspace_id` text NOT NULL,
	`serial` text NOT NULL,
	`name` text,
	`model` text,
	`android_version` text,
	`agent_id` text,
	`agent_version` text,
	`last_seen_at` integer,
	`current_task_id` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `serial`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `account_tags` (
	`workspace_id` text NOT NULL,
	`tag` text NOT NULL,
	`account_id` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `tag`, `account_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_tags_account` ON `account_tags` (`account_id`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`username` text NOT NULL,
	`platform` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`password` text,
	`package_name` text,
	`device` text,
	`logined` integer DEFAULT 0 NOT NULL,
	`status` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_username` ON `accounts` (`workspace_id`,`platform`,`username`);--> statement-breakpoint
CREATE INDEX `accounts_workspace` ON `accounts` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `accounts_device` ON `accounts` (`workspace_id`,`device`);--> statement-breakpoint
CREATE INDEX `accounts_status` ON `accounts` (`workspace_id`,`status`);--> statement-breakpoint
CREATE INDEX `accounts_logined` ON `accounts` (`workspace_id`,`logined`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`serial` text NOT NULL,
	`username` text,
	`account_id` integer,
	`platform` text NOT NULL,
	`package_name` text,
	`script_name` text NOT NULL,
	`script_config` text NOT NULL,
	`status` integer NOT NULL,
	`source` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`remark` text DEFAULT '' NOT NULL,
	`fail_code` integer,
	`retry_count` integer DEFAULT 0 NOT NULL,
	`request_id` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tasks_workspace` ON `tasks` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_status` ON `tasks` (`workspace_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_serial` ON `tasks` (`workspace_id`,`serial`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_script` ON `tasks` (`workspace_id`,`script_name`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_source` ON `tasks` (`workspace_id`,`source`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_queue` ON `tasks` (`workspace_id`,`serial`,`status`,`scheduled_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_request` ON `tasks` (`request_id`);--> statement-breakpoint
CREATE TABLE `task_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`workspace_id` text NOT NULL,
	`at` integer NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `task_logs_task` ON `task_logs` (`task_id`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
