ALTER TABLE `workspaces` ADD `shard` text DEFAULT 'DB' NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `revision` integer DEFAULT 0 NOT NULL;