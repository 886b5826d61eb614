CREATE TABLE `agent_pairings` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`poll_hash` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`workspace_id` text,
	`approved_at` integer,
	`consumed_at` integer,
	`credential_id` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_pairings_code` ON `agent_pairings` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `agent_pairings_poll` ON `agent_pairings` (`poll_hash`);--> statement-breakpoint
CREATE INDEX `agent_pairings_expiry` ON `agent_pairings` (`expires_at`);