-- Feeds for crosscheck watch to poll, added and removed through the API
-- (crosscheck.FeedStore). One row per URL, in the form Feed.Clean gives
-- it. Times are Unix nanoseconds.
CREATE TABLE feeds (
	id    INTEGER PRIMARY KEY AUTOINCREMENT,
	url   TEXT NOT NULL UNIQUE,
	name  TEXT NOT NULL,
	added INTEGER NOT NULL
);
