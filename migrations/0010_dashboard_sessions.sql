ALTER TABLE `credentials` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `devices` ADD `last_screenshot_task_id` integer;