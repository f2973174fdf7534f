-- Articles are immutable once stored: seq is the arrival order, the text
-- is a column of its own for the full-text index, doc is the rest of the
-- article as JSON (without tokens, recomputed on load). Times are Unix
-- nanoseconds, UTC.
CREATE TABLE articles (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	id        TEXT NOT NULL UNIQUE,
	outlet    TEXT NOT NULL,
	language  TEXT NOT NULL,
	title     TEXT NOT NULL,
	published INTEGER,
	ingested  INTEGER NOT NULL,
	at        INTEGER NOT NULL, -- published, or ingested when unknown
	text      TEXT NOT NULL,
	doc       BLOB NOT NULL
);
CREATE INDEX articles_at ON articles(at, seq);

-- External-content index over articles(title, text): snippet() reads the
-- text from articles, so it is not stored twice.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='seq',
	tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

-- A story is one row: the listing reads the summary columns, a story read
-- is one fetch of doc by primary key. sort_at is last_seen, or the time the
-- story was first stored when no article is dated.
CREATE TABLE stories (
	id         TEXT PRIMARY KEY,
	title      TEXT NOT NULL,
	n_articles INTEGER NOT NULL,
	n_outlets  INTEGER NOT NULL,
	conflicts  INTEGER NOT NULL,
	first_seen INTEGER,
	last_seen  INTEGER,
	created    INTEGER NOT NULL,
	sort_at    INTEGER NOT NULL,
	start_at   INTEGER NOT NULL, -- first_seen, or created
	outlets    TEXT NOT NULL,
	languages  TEXT NOT NULL,
	doc        BLOB NOT NULL
);
CREATE INDEX stories_newest ON stories(sort_at DESC, id);
CREATE INDEX stories_sources ON stories(n_outlets DESC, n_articles DESC, sort_at DESC, id);
CREATE INDEX stories_contested ON stories(conflicts DESC, sort_at DESC, id);

-- An article belongs to the story it was last put with.
CREATE TABLE story_articles (
	article TEXT PRIMARY KEY,
	story   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX story_articles_story ON story_articles(story);

CREATE TABLE story_outlets (
	outlet TEXT NOT NULL,
	story  TEXT NOT NULL,
	PRIMARY KEY (outlet, story)
) WITHOUT ROWID;
CREATE INDEX story_outlets_story ON story_outlets(story);

CREATE TABLE story_languages (
	language TEXT NOT NULL,
	story    TEXT NOT NULL,
	PRIMARY KEY (language, story)
) WITHOUT ROWID;
CREATE INDEX story_languages_story ON story_languages(story);

-- Entity IDs are stable across stories, so these rows aggregate an entity.
CREATE TABLE story_entities (
	entity   TEXT NOT NULL,
	story    TEXT NOT NULL,
	name     TEXT NOT NULL,
	type     TEXT NOT NULL,
	variants TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	PRIMARY KEY (entity, story)
) WITHOUT ROWID;
CREATE INDEX story_entities_story ON story_entities(story);

-- Folded names (every variant) an entity of a story is found by.
CREATE TABLE story_entity_names (
	name   TEXT NOT NULL,
	story  TEXT NOT NULL,
	entity TEXT NOT NULL,
	PRIMARY KEY (name, story, entity)
) WITHOUT ROWID;
CREATE INDEX story_entity_names_story ON story_entity_names(story);

-- Quotes whose speaker is a known entity, for the entity page.
CREATE TABLE story_quotes (
	entity TEXT NOT NULL,
	story  TEXT NOT NULL,
	pos    INTEGER NOT NULL,
	doc    BLOB NOT NULL,
	PRIMARY KEY (entity, story, pos)
) WITHOUT ROWID;
CREATE INDEX story_quotes_story ON story_quotes(story);
