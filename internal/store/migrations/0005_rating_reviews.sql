-- Gapwise schema 5: ratings carried forward to a new framework version that the
-- person must review.
--
-- When an assessment is carried to a newer version of its framework, ratings of
-- items whose wording changed are copied and flagged here until the person
-- confirms them. reason says what changed ("descriptor 3", "description", ...).
-- Re-rating an item (any change to its rating row) confirms it; clearing the rating
-- or deleting the assessment removes the flag with it.
CREATE TABLE rating_reviews (
    assessment TEXT NOT NULL,
    item       TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment, item),
    FOREIGN KEY (assessment, item) REFERENCES ratings (assessment, item) ON DELETE CASCADE
) STRICT;

CREATE TRIGGER ratings_confirm_review AFTER UPDATE ON ratings
BEGIN
    DELETE FROM rating_reviews WHERE assessment = NEW.assessment AND item = NEW.item;
END;
