-- Gapwise schema 1.
--
-- Conventions:
-- * Framework content is keyed by (framework ref, id), e.g. ('sfia@9', 'ITSP'), so
--   every pack version keeps its own items and a new version never disturbs
--   ratings made against an older one.
-- * Timestamps are RFC 3339 UTC text with milliseconds ("2026-01-02T03:04:05.000Z"):
--   readable in any SQLite tool and sortable as text.
-- * Every table is STRICT, so a level stored as text or a name stored as a number
--   is refused instead of silently kept.
-- * Booleans are INTEGER 0/1; "not given" text is '' unless NULL carries meaning
--   (a plan's person or team, an action's owner or due date).

-- One row per pack version ever seeded. raw holds the pack JSON exactly as shipped,
-- so an organisation's own pack can be shown again after the binary that carried
-- it is gone.
CREATE TABLE frameworks (
    ref         TEXT PRIMARY KEY,
    id          TEXT NOT NULL CHECK (id <> ''),
    version     TEXT NOT NULL CHECK (version <> ''),
    name        TEXT NOT NULL,
    provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
    licence     TEXT NOT NULL DEFAULT '',
    attribution TEXT NOT NULL DEFAULT '',
    raw         BLOB NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    seeded_at   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (id, version),
    CHECK (ref = id || '@' || version)
) STRICT;

-- The framework hierarchy (domain / category / subcategory).
CREATE TABLE item_groups (
    framework TEXT NOT NULL REFERENCES frameworks (ref),
    id        TEXT NOT NULL CHECK (id <> ''),
    title     TEXT NOT NULL,
    kind      TEXT NOT NULL DEFAULT '',
    parent    TEXT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (framework, id),
    FOREIGN KEY (framework, parent) REFERENCES item_groups (framework, id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

-- Items are never deleted: ratings, targets and plans point at them. An item that
-- a corrected pack no longer lists keeps its row with in_pack = 0.
CREATE TABLE items (
    framework TEXT NOT NULL REFERENCES frameworks (ref),
    id        TEXT NOT NULL CHECK (id <> ''),
    title     TEXT NOT NULL,
    group_id  TEXT,
    levels    TEXT NOT NULL CHECK (levels NOT GLOB '*[^0-9,]*'), -- ascending, e.g. '4,5,6,7'
    position  INTEGER NOT NULL,
    in_pack   INTEGER NOT NULL DEFAULT 1 CHECK (in_pack IN (0, 1)),
    PRIMARY KEY (framework, id),
    FOREIGN KEY (framework, group_id) REFERENCES item_groups (framework, id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE INDEX items_by_group ON items (framework, group_id);

-- Role profiles. Nothing the user makes points at these by key (targets record
-- their source as text), so a corrected pack may replace them wholesale.
CREATE TABLE roles (
    framework TEXT NOT NULL REFERENCES frameworks (ref),
    id        TEXT NOT NULL CHECK (id <> ''),
    family    TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL,
    type      TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL,
    PRIMARY KEY (framework, id)
) STRICT;

CREATE TABLE role_levels (
    framework TEXT NOT NULL,
    id        TEXT NOT NULL CHECK (id <> ''),
    role      TEXT NOT NULL,
    title     TEXT NOT NULL,
    rank      INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (framework, id),
    FOREIGN KEY (framework, role) REFERENCES roles (framework, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX role_levels_by_role ON role_levels (framework, role);

-- A role level needs an item at a level. role_level is NULL for a role that needs
-- the item with no ladder; level 0 means "needed, no level stated".
CREATE TABLE requirements (
    framework  TEXT NOT NULL,
    role       TEXT NOT NULL,
    role_level TEXT,
    item       TEXT NOT NULL,
    level      INTEGER NOT NULL CHECK (level >= 0),
    FOREIGN KEY (framework, role) REFERENCES roles (framework, id) ON DELETE CASCADE,
    FOREIGN KEY (framework, role_level) REFERENCES role_levels (framework, id) ON DELETE CASCADE,
    FOREIGN KEY (framework, item) REFERENCES items (framework, id)
) STRICT;

CREATE UNIQUE INDEX requirements_key ON requirements (framework, role, ifnull(role_level, ''), item);
CREATE INDEX requirements_by_role_level ON requirements (framework, role_level);
CREATE INDEX requirements_by_item ON requirements (framework, item);

CREATE TABLE people (
    id              TEXT PRIMARY KEY CHECK (id <> ''),
    name            TEXT NOT NULL CHECK (trim(name) <> ''),
    discipline      TEXT NOT NULL CHECK (discipline IN ('doctor', 'nurse', 'midwife', 'ahp', 'pharmacist',
                        'healthcare-scientist', 'social-worker', 'dentist', 'other', 'non-clinical')),
    role            TEXT NOT NULL DEFAULT '',
    organisation    TEXT NOT NULL DEFAULT '',
    informatics_wte REAL NOT NULL DEFAULT 0 CHECK (informatics_wte >= 0),
    sample          INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX people_by_name ON people (name COLLATE NOCASE);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY CHECK (id <> ''),
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    framework  TEXT NOT NULL REFERENCES frameworks (ref),
    sample     INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    created_at TEXT NOT NULL,
    UNIQUE (id, framework)
) STRICT;

CREATE TABLE memberships (
    team      TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    person    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (team, person)
) STRICT;

CREATE INDEX memberships_by_person ON memberships (person);

-- Deleting a person deletes everything about them (their right to erasure).
-- UNIQUE (id, framework) lets ratings and targets prove they use the
-- assessment's own framework version.
CREATE TABLE assessments (
    id               TEXT PRIMARY KEY CHECK (id <> ''),
    person           TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    framework        TEXT NOT NULL REFERENCES frameworks (ref),
    kind             TEXT NOT NULL CHECK (kind IN ('self', 'appraiser', 'agreed')),
    assessor         TEXT NOT NULL DEFAULT '',
    scope_group      TEXT NOT NULL DEFAULT '',
    scope_role_level TEXT NOT NULL DEFAULT '',
    sample           INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (id, framework)
) STRICT;

CREATE INDEX assessments_by_person ON assessments (person, created_at);
CREATE INDEX assessments_by_framework ON assessments (framework);

-- Older versions of an assessment, kept when a newer exchange file replaces it.
CREATE TABLE assessment_history (
    seq         INTEGER PRIMARY KEY,
    assessment  TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    replaced_at TEXT NOT NULL,
    snapshot    TEXT NOT NULL CHECK (json_valid(snapshot))
) STRICT;

CREATE INDEX assessment_history_by_assessment ON assessment_history (assessment, seq);

-- A missing row means "not rated"; level 0 means "none yet" and is a real answer.
CREATE TABLE ratings (
    assessment TEXT NOT NULL,
    framework  TEXT NOT NULL,
    item       TEXT NOT NULL,
    level      INTEGER NOT NULL CHECK (level >= 0),
    confidence INTEGER NOT NULL DEFAULT 0 CHECK (confidence BETWEEN 0 AND 5), -- 0: not given
    evidence   TEXT NOT NULL DEFAULT '',
    rated_at   TEXT NOT NULL,
    PRIMARY KEY (assessment, item),
    FOREIGN KEY (assessment, framework) REFERENCES assessments (id, framework) ON DELETE CASCADE,
    FOREIGN KEY (framework, item) REFERENCES items (framework, id)
) STRICT;

-- Team aggregation reads every rating of one item across assessments.
CREATE INDEX ratings_by_item ON ratings (framework, item);

CREATE TABLE targets (
    assessment TEXT NOT NULL,
    framework  TEXT NOT NULL,
    item       TEXT NOT NULL,
    level      INTEGER NOT NULL CHECK (level >= 0),
    source     TEXT NOT NULL DEFAULT 'manual',
    set_at     TEXT NOT NULL,
    PRIMARY KEY (assessment, item),
    FOREIGN KEY (assessment, framework) REFERENCES assessments (id, framework) ON DELETE CASCADE,
    FOREIGN KEY (framework, item) REFERENCES items (framework, id)
) STRICT;

CREATE INDEX targets_by_item ON targets (framework, item);

CREATE TABLE team_targets (
    team      TEXT NOT NULL,
    framework TEXT NOT NULL,
    item      TEXT NOT NULL,
    level     INTEGER NOT NULL CHECK (level >= 0),
    source    TEXT NOT NULL DEFAULT 'manual',
    set_at    TEXT NOT NULL,
    PRIMARY KEY (team, item),
    FOREIGN KEY (team, framework) REFERENCES teams (id, framework) ON DELETE CASCADE,
    FOREIGN KEY (framework, item) REFERENCES items (framework, id)
) STRICT;

CREATE INDEX team_targets_by_item ON team_targets (framework, item);

-- A level other than 0 must be one the item defines. The subquery is NULL for an
-- unknown item, which leaves the refusal to the foreign key and its clearer error.
CREATE TRIGGER ratings_level_insert BEFORE INSERT ON ratings
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

CREATE TRIGGER ratings_level_update BEFORE UPDATE OF level, item ON ratings
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

CREATE TRIGGER targets_level_insert BEFORE INSERT ON targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

CREATE TRIGGER targets_level_update BEFORE UPDATE OF level, item ON targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

CREATE TRIGGER team_targets_level_insert BEFORE INSERT ON team_targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

CREATE TRIGGER team_targets_level_update BEFORE UPDATE OF level, item ON team_targets
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

-- A plan belongs to exactly one person or one team.
CREATE TABLE plans (
    id         TEXT PRIMARY KEY CHECK (id <> ''),
    person     TEXT REFERENCES people (id) ON DELETE CASCADE,
    team       TEXT REFERENCES teams (id) ON DELETE CASCADE,
    framework  TEXT NOT NULL REFERENCES frameworks (ref),
    title      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((person IS NULL) <> (team IS NULL))
) STRICT;

CREATE INDEX plans_by_person ON plans (person);
CREATE INDEX plans_by_team ON plans (team);

CREATE TABLE actions (
    id         TEXT PRIMARY KEY CHECK (id <> ''),
    plan       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    objective  TEXT NOT NULL DEFAULT '',
    activity   TEXT NOT NULL DEFAULT '',
    owner      TEXT REFERENCES people (id) ON DELETE SET NULL,
    due        TEXT CHECK (due IS NULL OR date(due) IS due), -- ISO date YYYY-MM-DD
    status     TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
    evidence   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX actions_by_plan ON actions (plan, position);
CREATE INDEX actions_by_owner ON actions (owner);

-- The items an action develops.
CREATE TABLE action_items (
    action    TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    framework TEXT NOT NULL,
    item      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (action, item),
    FOREIGN KEY (framework, item) REFERENCES items (framework, id)
) STRICT;

CREATE INDEX action_items_by_item ON action_items (framework, item);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
