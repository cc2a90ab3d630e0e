-- Gapwise schema 2: joint appraisals, and the activity list of development actions.
--
-- Schema 1 already covers a SMART action: objective, items addressed (action_items,
-- tied to the plan's framework version), due date (ISO date, CHECKed), status
-- (CHECKed), completion evidence and owner. It left the activity free text; the
-- triggers below hold it to the app's list without rebuilding the table. They
-- check new writes only: rows already stored are left as they are.

-- One joint appraisal of a person against one framework version. Its links:
-- * self_assessment, agreed_assessment and plan are what the appraisal is made of:
--   the database refuses to delete them while the appraisal exists;
-- * appraiser_assessment is NULL until the appraiser has rated, and becomes NULL
--   again if that assessment is deleted;
-- * previous_plan is the plan reviewed this time; NULL when none, or once deleted.
-- Deleting the person deletes their appraisals with everything else about them.
-- A sign-off time is NULL until that party signs.
CREATE TABLE appraisals (
    id                   TEXT PRIMARY KEY CHECK (id <> ''),
    person               TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    framework            TEXT NOT NULL REFERENCES frameworks (ref),
    period               TEXT NOT NULL DEFAULT '',
    appraiser_name       TEXT NOT NULL CHECK (trim(appraiser_name) <> ''),
    self_assessment      TEXT NOT NULL,
    appraiser_assessment TEXT REFERENCES assessments (id) ON DELETE SET NULL,
    agreed_assessment    TEXT NOT NULL UNIQUE,
    previous_plan        TEXT REFERENCES plans (id) ON DELETE SET NULL,
    plan                 TEXT NOT NULL UNIQUE REFERENCES plans (id),
    overall_notes        TEXT NOT NULL DEFAULT '',
    appraisee_signed_at  TEXT,
    appraiser_signed_at  TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (id, framework),
    FOREIGN KEY (self_assessment, framework) REFERENCES assessments (id, framework),
    FOREIGN KEY (agreed_assessment, framework) REFERENCES assessments (id, framework),
    CHECK (previous_plan IS NULL OR previous_plan <> plan),
    CHECK (agreed_assessment <> self_assessment)
) STRICT;

CREATE INDEX appraisals_by_person ON appraisals (person, created_at);
CREATE INDEX appraisals_by_self ON appraisals (self_assessment);
CREATE UNIQUE INDEX appraisals_by_appraiser ON appraisals (appraiser_assessment);
CREATE INDEX appraisals_by_previous_plan ON appraisals (previous_plan);

-- An appraisal's assessments are the appraisee's, against its framework version,
-- each of the kind its column names; its new plan is the appraisee's plan of the
-- same framework version; the plan it reviews is one of the appraisee's plans.
-- (A missing row makes the check fail too; the store gives the clearer error first.)
CREATE TRIGGER appraisals_links_insert BEFORE INSERT ON appraisals
WHEN NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.self_assessment AND person = NEW.person
                 AND framework = NEW.framework AND kind = 'self')
  OR NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.agreed_assessment AND person = NEW.person
                 AND framework = NEW.framework AND kind = 'agreed')
  OR (NEW.appraiser_assessment IS NOT NULL AND NOT EXISTS (SELECT 1 FROM assessments
      WHERE id = NEW.appraiser_assessment AND person = NEW.person AND framework = NEW.framework AND kind = 'appraiser'))
  OR NOT EXISTS (SELECT 1 FROM plans WHERE id = NEW.plan AND person = NEW.person AND framework = NEW.framework)
  OR (NEW.previous_plan IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans
      WHERE id = NEW.previous_plan AND person = NEW.person))
BEGIN SELECT RAISE(ABORT, 'an appraisal must link the appraisee''s own assessments and plans'); END;

-- Only the links that may change are re-checked: the person, framework, self and
-- agreed assessments and the plan are fixed when the appraisal starts.
CREATE TRIGGER appraisals_links_update BEFORE UPDATE OF person, framework, self_assessment, agreed_assessment,
    plan, appraiser_assessment, previous_plan ON appraisals
WHEN NEW.person IS NOT OLD.person OR NEW.framework IS NOT OLD.framework
  OR NEW.self_assessment IS NOT OLD.self_assessment OR NEW.agreed_assessment IS NOT OLD.agreed_assessment
  OR NEW.plan IS NOT OLD.plan
  OR (NEW.appraiser_assessment IS NOT NULL AND NEW.appraiser_assessment IS NOT OLD.appraiser_assessment
      AND NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.appraiser_assessment AND person = NEW.person
                      AND framework = NEW.framework AND kind = 'appraiser'))
  OR (NEW.previous_plan IS NOT NULL AND NEW.previous_plan IS NOT OLD.previous_plan
      AND NOT EXISTS (SELECT 1 FROM plans WHERE id = NEW.previous_plan AND person = NEW.person))
BEGIN SELECT RAISE(ABORT, 'an appraisal must link the appraisee''s own assessments and plans'); END;

-- The discussion note on one item. No row means no note.
CREATE TABLE appraisal_notes (
    appraisal  TEXT NOT NULL,
    framework  TEXT NOT NULL,
    item       TEXT NOT NULL,
    note       TEXT NOT NULL CHECK (trim(note) <> ''),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (appraisal, item),
    FOREIGN KEY (appraisal, framework) REFERENCES appraisals (id, framework) ON DELETE CASCADE,
    FOREIGN KEY (framework, item) REFERENCES items (framework, id)
) STRICT;

CREATE INDEX appraisal_notes_by_item ON appraisal_notes (framework, item);

-- An action's activity is one of model.Activities, or '' while not chosen.
CREATE TRIGGER actions_activity_insert BEFORE INSERT ON actions
WHEN NEW.activity NOT IN ('', 'course or qualification', 'e-learning', 'mentoring', 'shadowing', 'secondment',
                          'project work', 'conference or network', 'self-study', 'other')
BEGIN SELECT RAISE(ABORT, 'unknown activity'); END;

CREATE TRIGGER actions_activity_update BEFORE UPDATE OF activity ON actions
WHEN NEW.activity IS NOT OLD.activity
 AND NEW.activity NOT IN ('', 'course or qualification', 'e-learning', 'mentoring', 'shadowing', 'secondment',
                          'project work', 'conference or network', 'self-study', 'other')
BEGIN SELECT RAISE(ABORT, 'unknown activity'); END;
