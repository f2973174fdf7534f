-- Watchlists (package watchlist): saved queries, the notifications they
-- raised, and the webhook deliveries of those notifications, kept so that
-- a restart resumes the retries. Times are Unix nanoseconds.
CREATE TABLE watchlists (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	name    TEXT NOT NULL,
	entity  TEXT NOT NULL,
	keyword TEXT NOT NULL,
	outlet  TEXT NOT NULL,
	webhook TEXT NOT NULL,
	created INTEGER NOT NULL
);

-- One notification per watchlist, kind, story and key (see
-- crosscheck.Notification): re-analysing a story does not notify twice.
CREATE TABLE notifications (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	watchlist INTEGER NOT NULL,
	kind      TEXT NOT NULL,
	story     TEXT NOT NULL,
	finding   TEXT NOT NULL,
	key       TEXT NOT NULL,
	title     TEXT NOT NULL,
	summary   TEXT NOT NULL,
	created   INTEGER NOT NULL,
	UNIQUE (watchlist, kind, story, key)
);
CREATE INDEX notifications_watchlist ON notifications (watchlist, id);

CREATE TABLE webhook_deliveries (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	notification INTEGER NOT NULL UNIQUE,
	watchlist    INTEGER NOT NULL,
	url          TEXT NOT NULL,
	attempts     INTEGER NOT NULL,
	next_attempt INTEGER NOT NULL,
	state        TEXT NOT NULL,
	last_error   TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt, id);
CREATE INDEX webhook_deliveries_watchlist ON webhook_deliveries (watchlist, id);
