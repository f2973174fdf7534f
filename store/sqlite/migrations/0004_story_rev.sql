-- A story's revision: 0 when first put, one more at each put that replaces
-- it, so that a reader can tell whether a copy it keeps is current
-- (crosscheck.StoryRevisions).
ALTER TABLE stories ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
