-- The table of store/sqlite's 0003_feeds.sql: feeds for crosscheck watch
-- to poll, added and removed through the API (crosscheck.FeedStore). One
-- row per URL, in the form Feed.Clean gives it. Times are Unix
-- nanoseconds.
CREATE TABLE feeds (
	id    BIGSERIAL PRIMARY KEY,
	url   TEXT NOT NULL UNIQUE,
	name  TEXT NOT NULL,
	added BIGINT NOT NULL
);
