-- A story's quotes by a known entity move into that entity's row of the
-- story (a JSON array of the quotes, in story order; NULL when it has
-- none): one row and no index fewer per quote. The quote rows and their
-- index were about 5% of the cost of ingesting a page (bench ingest,
-- concurrent A/B), for a table read only by the entity page.
ALTER TABLE story_entities ADD COLUMN quotes BLOB;
UPDATE story_entities SET quotes = (
	SELECT json_group_array(json(CAST(q.doc AS TEXT))) FROM (
		SELECT doc FROM story_quotes
		WHERE entity = story_entities.entity AND story = story_entities.story
		ORDER BY pos
	) q
) WHERE EXISTS (SELECT 1 FROM story_quotes q WHERE q.entity = story_entities.entity AND q.story = story_entities.story);
DROP TABLE story_quotes;
