-- Gapwise schema 9: cheap framework reads (issue 12).
--
-- framework_cache keeps each pack version's compiled form (a compact binary
-- encoding of the parsed framework, frameworks/compiled.go) beside its JSON,
-- so opening an assessment does not parse the JSON every time. It is derived
-- data: a row counts only while its sha256 is the framework's (the store also
-- deletes it whenever the pack's JSON changes) and its codec is the one this
-- build writes; anything else is ignored and rebuilt from the JSON.
CREATE TABLE framework_cache (
    ref      TEXT PRIMARY KEY REFERENCES frameworks (ref) ON DELETE CASCADE,
    sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
    codec    INTEGER NOT NULL,
    data     BLOB NOT NULL
) STRICT;

-- The frameworks table holds each pack's JSON (hundreds of kilobytes) in the
-- middle of its rows, so reading any later column walked the whole overflow
-- chain of the JSON: every start read about 1.6 MB to compare four
-- checksums. This index holds every column but the JSON, so listing the
-- versions and their checksums reads the index alone.
CREATE INDEX frameworks_listing ON frameworks (id, version, name, provisional, licence, attribution, sha256, seeded_at, updated_at);
