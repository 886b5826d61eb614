-- Every change of a workspace row, from any writer (the Worker's settings, `npm run admin`
-- through wrangler d1 execute, a hand-written UPDATE), raises its revision: the copies of the
-- row on the other D1 databases (docs/shards.md) are replaced only by a later revision, so a
-- slow copy can never undo a newer one. A write that sets the revision itself (a copy being
-- replaced) is left as written. SQLite's recursive_triggers is off, so the trigger's own
-- UPDATE does not fire it again. Spelled for wrangler's statement splitter as 0017 is.
CREATE TRIGGER `workspaces_revision` AFTER UPDATE ON `workspaces`
WHEN NEW.`revision` = OLD.`revision`
BEGIN
  UPDATE `workspaces` SET `revision` = OLD.`revision` + 1 WHERE `id` = NEW.`id`;
END;
