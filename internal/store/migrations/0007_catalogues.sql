-- Gapwise schema 7: an organisation's learning catalogue per framework version.
--
-- A catalogue lists learning opportunities (courses, e-learning, mentoring
-- schemes...) and the items each develops; drafted plans propose them for the
-- largest gaps. One framework version has at most one catalogue: importing
-- another replaces it in one transaction. Only new tables: existing data is
-- untouched.

CREATE TABLE catalogues (
    framework   TEXT PRIMARY KEY REFERENCES frameworks (ref),
    source      TEXT NOT NULL DEFAULT '',  -- the file names it was read from
    imported_at TEXT NOT NULL
) STRICT;

-- position is the entry's place in the file (from 1), its key within the catalogue.
CREATE TABLE catalogue_entries (
    framework TEXT NOT NULL REFERENCES catalogues (framework) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    title     TEXT NOT NULL CHECK (trim(title) <> ''),
    provider  TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '' CHECK (url = '' OR url GLOB 'http://?*' OR url GLOB 'https://?*'),
    type      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (framework, position)
) STRICT, WITHOUT ROWID;

-- The items an entry develops, at least one per entry (checked on import).
CREATE TABLE catalogue_items (
    framework TEXT NOT NULL,
    position  INTEGER NOT NULL,
    item      TEXT NOT NULL,
    PRIMARY KEY (framework, position, item),
    FOREIGN KEY (framework, position) REFERENCES catalogue_entries (framework, position) ON DELETE CASCADE,
    FOREIGN KEY (framework, item) REFERENCES items (framework, id)
) STRICT, WITHOUT ROWID;

CREATE INDEX catalogue_items_by_item ON catalogue_items (framework, item);
