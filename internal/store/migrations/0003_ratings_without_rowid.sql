-- Ratings are written a whole assessment at a time (imports of hundreds of
-- files) and read by assessment. Rebuild the table WITHOUT ROWID, so its
-- primary key is the table itself, and drop the (framework, item) index,
-- which no query uses: together they halve the B-tree work per rating.
CREATE TABLE ratings_new (
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
) STRICT, WITHOUT ROWID;

INSERT INTO ratings_new (assessment, framework, item, level, confidence, evidence, rated_at)
    SELECT assessment, framework, item, level, confidence, evidence, rated_at FROM ratings;
DROP TABLE ratings;
ALTER TABLE ratings_new RENAME TO ratings;

CREATE TRIGGER ratings_level_insert BEFORE INSERT ON ratings
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;

CREATE TRIGGER ratings_level_update BEFORE UPDATE OF level, item ON ratings
WHEN NEW.level <> 0 AND (SELECT instr(',' || levels || ',', ',' || NEW.level || ',')
                         FROM items WHERE framework = NEW.framework AND id = NEW.item) = 0
BEGIN SELECT RAISE(ABORT, 'level is not defined for this item'); END;
