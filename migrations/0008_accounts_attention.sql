ALTER TABLE `accounts` ADD `attention_reason` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `attention_code` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `attention_task_id` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `attention_at` integer;