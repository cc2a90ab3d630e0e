-- Gapwise schema 6: joint appraisals with more than one appraiser.
--
-- The FCI's guidance allows a joint appraisal by an informatics and a clinical
-- appraiser. Each appraiser of an appraisal becomes a row of `appraisers`, with
-- their role, the part of the framework they review, their own assessment and
-- their own sign-off. The one appraiser of an earlier appraisal becomes its
-- appraiser number 1, keeping their name, assessment and sign-off time; the
-- appraisals table is rebuilt without those three columns (migrations run with
-- foreign keys off, so dropping the old table cascades nothing).

CREATE TABLE appraisals_new (
    id                   TEXT PRIMARY KEY CHECK (id <> ''),
    person               TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    framework            TEXT NOT NULL REFERENCES frameworks (ref),
    period               TEXT NOT NULL DEFAULT '',
    self_assessment      TEXT NOT NULL,
    agreed_assessment    TEXT NOT NULL UNIQUE,
    previous_plan        TEXT REFERENCES plans (id) ON DELETE SET NULL,
    plan                 TEXT NOT NULL UNIQUE REFERENCES plans (id),
    overall_notes        TEXT NOT NULL DEFAULT '',
    appraisee_signed_at  TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (id, framework),
    FOREIGN KEY (self_assessment, framework) REFERENCES assessments (id, framework),
    FOREIGN KEY (agreed_assessment, framework) REFERENCES assessments (id, framework),
    CHECK (previous_plan IS NULL OR previous_plan <> plan),
    CHECK (agreed_assessment <> self_assessment)
) STRICT;

-- One appraiser of an appraisal, numbered from 1 in the order they were added
-- (at most 4: a joint appraisal has a few appraisers, not a panel).
-- * scope is a JSON array of the group and item ids they review; '[]' is all;
-- * assessment is their ratings (kind appraiser), NULL until they rate, and
--   NULL again if that assessment is deleted;
-- * signed_at is NULL until they sign.
CREATE TABLE appraisers (
    appraisal  TEXT NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    role       TEXT NOT NULL DEFAULT '',
    scope      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scope) AND json_type(scope) = 'array'),
    assessment TEXT REFERENCES assessments (id) ON DELETE SET NULL,
    signed_at  TEXT,
    PRIMARY KEY (appraisal, position)
) STRICT;

INSERT INTO appraisals_new (id, person, framework, period, self_assessment, agreed_assessment, previous_plan,
    plan, overall_notes, appraisee_signed_at, created_at, updated_at)
    SELECT id, person, framework, period, self_assessment, agreed_assessment, previous_plan,
           plan, overall_notes, appraisee_signed_at, created_at, updated_at FROM appraisals;
INSERT INTO appraisers (appraisal, position, name, role, scope, assessment, signed_at)
    SELECT id, 1, appraiser_name, '', '[]', appraiser_assessment, appraiser_signed_at FROM appraisals;

DROP TABLE appraisals;
ALTER TABLE appraisals_new RENAME TO appraisals;

CREATE INDEX appraisals_by_person ON appraisals (person, created_at);
CREATE INDEX appraisals_by_self ON appraisals (self_assessment);
CREATE INDEX appraisals_by_previous_plan ON appraisals (previous_plan);
-- An assessment is the ratings of one appraiser of one appraisal; names are
-- unique within an appraisal (sign-off and the CLI name appraisers).
CREATE UNIQUE INDEX appraisers_by_assessment ON appraisers (assessment);
CREATE UNIQUE INDEX appraisers_by_name ON appraisers (appraisal, name COLLATE NOCASE);

-- An appraisal's assessments are the appraisee's, against its framework version,
-- each of the kind its column names; its new plan is the appraisee's plan of the
-- same framework version; the plan it reviews is one of the appraisee's plans.
CREATE TRIGGER appraisals_links_insert BEFORE INSERT ON appraisals
WHEN NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.self_assessment AND person = NEW.person
                 AND framework = NEW.framework AND kind = 'self')
  OR NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.agreed_assessment AND person = NEW.person
                 AND framework = NEW.framework AND kind = 'agreed')
  OR NOT EXISTS (SELECT 1 FROM plans WHERE id = NEW.plan AND person = NEW.person AND framework = NEW.framework)
  OR (NEW.previous_plan IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans
      WHERE id = NEW.previous_plan AND person = NEW.person))
BEGIN SELECT RAISE(ABORT, 'an appraisal must link the appraisee''s own assessments and plans'); END;

CREATE TRIGGER appraisals_links_update BEFORE UPDATE OF person, framework, self_assessment, agreed_assessment,
    plan, previous_plan ON appraisals
WHEN NEW.person IS NOT OLD.person OR NEW.framework IS NOT OLD.framework
  OR NEW.self_assessment IS NOT OLD.self_assessment OR NEW.agreed_assessment IS NOT OLD.agreed_assessment
  OR NEW.plan IS NOT OLD.plan
  OR (NEW.previous_plan IS NOT NULL AND NEW.previous_plan IS NOT OLD.previous_plan
      AND NOT EXISTS (SELECT 1 FROM plans WHERE id = NEW.previous_plan AND person = NEW.person))
BEGIN SELECT RAISE(ABORT, 'an appraisal must link the appraisee''s own assessments and plans'); END;

-- An appraiser's assessment is of the appraisee, against the appraisal's
-- framework version, of kind appraiser.
CREATE TRIGGER appraisers_assessment_insert BEFORE INSERT ON appraisers
WHEN NEW.assessment IS NOT NULL AND NOT EXISTS (SELECT 1 FROM assessments s JOIN appraisals a ON a.id = NEW.appraisal
     WHERE s.id = NEW.assessment AND s.person = a.person AND s.framework = a.framework AND s.kind = 'appraiser')
BEGIN SELECT RAISE(ABORT, 'an appraiser''s assessment must be an appraiser assessment of the appraisee'); END;

CREATE TRIGGER appraisers_assessment_update BEFORE UPDATE OF assessment, appraisal ON appraisers
WHEN NEW.appraisal IS NOT OLD.appraisal
  OR (NEW.assessment IS NOT NULL AND NEW.assessment IS NOT OLD.assessment AND NOT EXISTS (SELECT 1
      FROM assessments s JOIN appraisals a ON a.id = NEW.appraisal
      WHERE s.id = NEW.assessment AND s.person = a.person AND s.framework = a.framework AND s.kind = 'appraiser'))
BEGIN SELECT RAISE(ABORT, 'an appraiser''s assessment must be an appraiser assessment of the appraisee'); END;
