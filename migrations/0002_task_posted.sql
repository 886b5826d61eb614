ALTER TABLE `tasks` ADD `posted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `post_url` text;