-- The same tables as store/sqlite (see there for what each holds); full
-- text is a generated tsvector over title and text with the 'simple'
-- configuration (no stemming: the same matching as SQLite's unicode61).
CREATE TABLE articles (
	seq       BIGSERIAL PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,
	outlet    TEXT NOT NULL,
	language  TEXT NOT NULL,
	title     TEXT NOT NULL,
	published BIGINT,
	ingested  BIGINT NOT NULL,
	at        BIGINT NOT NULL,
	text      TEXT NOT NULL,
	doc       TEXT NOT NULL,
	tsv       tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title || E'\n' || text)) STORED
);
CREATE INDEX articles_at ON articles (at, seq);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE stories (
	id         TEXT PRIMARY KEY,
	title      TEXT NOT NULL,
	n_articles INTEGER NOT NULL,
	n_outlets  INTEGER NOT NULL,
	conflicts  INTEGER NOT NULL,
	first_seen BIGINT,
	last_seen  BIGINT,
	created    BIGINT NOT NULL,
	sort_at    BIGINT NOT NULL,
	start_at   BIGINT NOT NULL,
	outlets    TEXT NOT NULL,
	languages  TEXT NOT NULL,
	doc        TEXT NOT NULL
);
CREATE INDEX stories_newest ON stories (sort_at DESC, id);
CREATE INDEX stories_sources ON stories (n_outlets DESC, n_articles DESC, sort_at DESC, id);
CREATE INDEX stories_contested ON stories (conflicts DESC, sort_at DESC, id);

CREATE TABLE story_articles (
	article TEXT PRIMARY KEY,
	story   TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story);

CREATE TABLE story_outlets (
	outlet TEXT NOT NULL,
	story  TEXT NOT NULL,
	PRIMARY KEY (outlet, story)
);
CREATE INDEX story_outlets_story ON story_outlets (story);

CREATE TABLE story_languages (
	language TEXT NOT NULL,
	story    TEXT NOT NULL,
	PRIMARY KEY (language, story)
);
CREATE INDEX story_languages_story ON story_languages (story);

CREATE TABLE story_entities (
	entity   TEXT NOT NULL,
	story    TEXT NOT NULL,
	name     TEXT NOT NULL,
	type     TEXT NOT NULL,
	variants TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	PRIMARY KEY (entity, story)
);
CREATE INDEX story_entities_story ON story_entities (story);

CREATE TABLE story_entity_names (
	name   TEXT NOT NULL,
	story  TEXT NOT NULL,
	entity TEXT NOT NULL,
	PRIMARY KEY (name, story, entity)
);
CREATE INDEX story_entity_names_story ON story_entity_names (story);

CREATE TABLE story_quotes (
	entity TEXT NOT NULL,
	story  TEXT NOT NULL,
	pos    INTEGER NOT NULL,
	doc    TEXT NOT NULL,
	PRIMARY KEY (entity, story, pos)
);
CREATE INDEX story_quotes_story ON story_quotes (story);
