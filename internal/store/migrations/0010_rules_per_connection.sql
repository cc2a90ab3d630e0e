-- Gapwise schema 10: the write rules move out of the file (issue 12).
--
-- SQLite parses every trigger stored in a database each time a connection
-- opens it, and these thirteen were a ninth of the work of a command that
-- only reads, such as `gaps`. The same rules, with the same names,
-- conditions and messages, are now TEMP triggers that the store creates on
-- each connection that may write (rules.sql, rules.go); a connection that
-- only reads has none and cannot write. No data changes.
DROP TRIGGER IF EXISTS ratings_level_insert;
DROP TRIGGER IF EXISTS ratings_level_update;
DROP TRIGGER IF EXISTS targets_level_insert;
DROP TRIGGER IF EXISTS targets_level_update;
DROP TRIGGER IF EXISTS team_targets_level_insert;
DROP TRIGGER IF EXISTS team_targets_level_update;
DROP TRIGGER IF EXISTS ratings_confirm_review;
DROP TRIGGER IF EXISTS actions_activity_insert;
DROP TRIGGER IF EXISTS actions_activity_update;
DROP TRIGGER IF EXISTS appraisals_links_insert;
DROP TRIGGER IF EXISTS appraisals_links_update;
DROP TRIGGER IF EXISTS appraisers_assessment_insert;
DROP TRIGGER IF EXISTS appraisers_assessment_update;
