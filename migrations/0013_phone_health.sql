ALTER TABLE `workspaces` ADD `min_battery_level` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `max_battery_temperature_c` integer DEFAULT 45 NOT NULL;--> statement-breakpoint
ALTER TABLE `devices` ADD `adb_state` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `health` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `health_at` integer;--> statement-breakpoint
ALTER TABLE `devices` ADD `not_ready_reason` text;