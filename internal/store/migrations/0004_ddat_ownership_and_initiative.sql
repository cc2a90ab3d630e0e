-- Gapwise schema 4: the DDaT skill is "Ownership and initiative".
--
-- The ddat@2025-q3 pack was first built from a third party's altered copy of the
-- official downloads, in which every "initiative" had become "topic"; its item
-- ownership-and-topic is the official skill "Ownership and initiative". The corrected
-- pack keeps the version (it is the same publication) and names the item
-- ownership-and-initiative. This moves everything that points at the old id to the new
-- one before the corrected pack is seeded (which then updates the item's title and
-- levels), and deletes the old item row, which nothing refers to any more. A database
-- that never held the altered pack is unchanged.

INSERT INTO items (framework, id, title, group_id, levels, position, in_pack)
    SELECT framework, 'ownership-and-initiative', 'Ownership and initiative', group_id, levels, position, in_pack
    FROM items
    WHERE framework = 'ddat@2025-q3' AND id = 'ownership-and-topic'
      AND NOT EXISTS (SELECT 1 FROM items WHERE framework = 'ddat@2025-q3' AND id = 'ownership-and-initiative');

UPDATE ratings         SET item = 'ownership-and-initiative' WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-topic';
UPDATE targets         SET item = 'ownership-and-initiative' WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-topic';
UPDATE team_targets    SET item = 'ownership-and-initiative' WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-topic';
UPDATE requirements    SET item = 'ownership-and-initiative' WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-topic';
UPDATE action_items    SET item = 'ownership-and-initiative' WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-topic';
UPDATE appraisal_notes SET item = 'ownership-and-initiative' WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-topic';

-- Older versions of DDaT assessments are exchange-file JSON; the id appears there
-- only as a quoted string value.
UPDATE assessment_history
    SET snapshot = replace(snapshot, '"ownership-and-topic"', '"ownership-and-initiative"')
    WHERE assessment IN (SELECT id FROM assessments WHERE framework = 'ddat@2025-q3')
      AND instr(snapshot, '"ownership-and-topic"') > 0;

DELETE FROM items WHERE framework = 'ddat@2025-q3' AND id = 'ownership-and-topic';
