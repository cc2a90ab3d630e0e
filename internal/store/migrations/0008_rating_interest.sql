-- Gapwise schema 8: "I want to develop this" on a rating.
--
-- A rating can carry the person's interest in developing the item, which team
-- views use to find learners and the second holder of a fragile item. Existing
-- ratings keep everything they had and carry no interest. Adding a column with
-- a constant default rewrites no rows.
ALTER TABLE ratings ADD COLUMN interest INTEGER NOT NULL DEFAULT 0 CHECK (interest IN (0, 1));
