-- The rules Gapwise holds every write to, beyond the schema's CHECK and
-- foreign key constraints. They are TEMP triggers, created on each
-- connection that may write (rules.go) rather than stored in the file:
-- SQLite parses every stored trigger each time a connection opens, and these
-- thirteen were a ninth of the work of a command such as `gaps` that only
-- reads (issue 12). A connection that reads only (query_only) has none and
-- can change nothing. Until schema 10 they were stored triggers of the same
-- names and conditions (migrations 0001 to 0006); migration 0010 drops those.
--
-- A temp trigger on a table of the main database fires for writes to it
-- from its own connection, like a stored one.

-- A rating's or target's level must be one its item defines (0 is "none").
CREATE TEMP TRIGGER IF NOT EXISTS ratings_level_insert BEFORE INSERT ON ratings
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;
CREATE TEMP TRIGGER IF NOT EXISTS ratings_level_update BEFORE UPDATE OF level, item ON ratings
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;
CREATE TEMP TRIGGER IF NOT EXISTS targets_level_insert BEFORE INSERT ON targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;
CREATE TEMP TRIGGER IF NOT EXISTS targets_level_update BEFORE UPDATE OF level, item ON targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;
CREATE TEMP TRIGGER IF NOT EXISTS team_targets_level_insert BEFORE INSERT ON team_targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;
CREATE TEMP TRIGGER IF NOT EXISTS team_targets_level_update BEFORE UPDATE OF level, item ON team_targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

-- Changing a rating settles any review of it (migration 0005).
CREATE TEMP TRIGGER IF NOT EXISTS ratings_confirm_review AFTER UPDATE ON ratings
BEGIN
    DELETE FROM rating_reviews WHERE assessment = NEW.assessment AND item = NEW.item;
END;

-- A development action's activity is one of the known kinds, or none. An
-- update that leaves it as it was is let through: schema 1 allowed any text.
CREATE TEMP TRIGGER IF NOT EXISTS actions_activity_insert BEFORE INSERT ON actions
WHEN NEW.activity NOT IN ('', 'course or qualification', 'e-learning', 'mentoring', 'shadowing', 'secondment',
                          'project work', 'conference or network', 'self-study', 'other')
BEGIN SELECT RAISE(ABORT, 'unknown activity'); END;
CREATE TEMP TRIGGER IF NOT EXISTS actions_activity_update BEFORE UPDATE OF activity ON actions
WHEN NEW.activity IS NOT OLD.activity
 AND NEW.activity NOT IN ('', 'course or qualification', 'e-learning', 'mentoring', 'shadowing', 'secondment',
                          'project work', 'conference or network', 'self-study', 'other')
BEGIN SELECT RAISE(ABORT, 'unknown activity'); END;

-- An appraisal links the appraisee's own self and agreed assessments and
-- plans, of its framework; its links never move to another person.
CREATE TEMP TRIGGER IF NOT EXISTS appraisals_links_insert BEFORE INSERT ON appraisals
WHEN NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.self_assessment AND person = NEW.person
                 AND framework = NEW.framework AND kind = 'self')
  OR NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.agreed_assessment AND person = NEW.person
                 AND framework = NEW.framework AND kind = 'agreed')
  OR NOT EXISTS (SELECT 1 FROM plans WHERE id = NEW.plan AND person = NEW.person AND framework = NEW.framework)
  OR (NEW.previous_plan IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans
      WHERE id = NEW.previous_plan AND person = NEW.person))
BEGIN SELECT RAISE(ABORT, 'an appraisal must link the appraisee''s own assessments and plans'); END;
CREATE TEMP TRIGGER IF NOT EXISTS appraisals_links_update BEFORE UPDATE OF person, framework, self_assessment, agreed_assessment,
    plan, previous_plan ON appraisals
WHEN NEW.person IS NOT OLD.person OR NEW.framework IS NOT OLD.framework
  OR NEW.self_assessment IS NOT OLD.self_assessment OR NEW.agreed_assessment IS NOT OLD.agreed_assessment
  OR NEW.plan IS NOT OLD.plan
  OR (NEW.previous_plan IS NOT NULL AND NEW.previous_plan IS NOT OLD.previous_plan
      AND NOT EXISTS (SELECT 1 FROM plans WHERE id = NEW.previous_plan AND person = NEW.person))
BEGIN SELECT RAISE(ABORT, 'an appraisal must link the appraisee''s own assessments and plans'); END;

-- An appraiser's assessment is an appraiser assessment of the appraisee, of
-- the appraisal's framework.
CREATE TEMP TRIGGER IF NOT EXISTS appraisers_assessment_insert BEFORE INSERT ON appraisers
WHEN NEW.assessment IS NOT NULL AND NOT EXISTS (SELECT 1 FROM assessments s JOIN appraisals a ON a.id = NEW.appraisal
     WHERE s.id = NEW.assessment AND s.person = a.person AND s.framework = a.framework AND s.kind = 'appraiser')
BEGIN SELECT RAISE(ABORT, 'an appraiser''s assessment must be an appraiser assessment of the appraisee'); END;
CREATE TEMP TRIGGER IF NOT EXISTS appraisers_assessment_update BEFORE UPDATE OF assessment, appraisal ON appraisers
WHEN NEW.appraisal IS NOT OLD.appraisal
  OR (NEW.assessment IS NOT NULL AND NEW.assessment IS NOT OLD.assessment AND NOT EXISTS (SELECT 1
      FROM assessments s JOIN appraisals a ON a.id = NEW.appraisal
      WHERE s.id = NEW.assessment AND s.person = a.person AND s.framework = a.framework AND s.kind = 'appraiser'))
BEGIN SELECT RAISE(ABORT, 'an appraiser''s assessment must be an appraiser assessment of the appraisee'); END;
