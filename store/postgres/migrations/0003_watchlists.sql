-- The tables of store/sqlite's 0002_watchlists.sql: watchlists (package
-- watchlist), the notifications they raised, and the webhook deliveries of
-- those notifications, kept so that a restart resumes the retries. Times
-- are Unix nanoseconds.
CREATE TABLE watchlists (
	id      BIGSERIAL PRIMARY KEY,
	name    TEXT NOT NULL,
	entity  TEXT NOT NULL,
	keyword TEXT NOT NULL,
	outlet  TEXT NOT NULL,
	webhook TEXT NOT NULL,
	created BIGINT NOT NULL
);

-- One notification per watchlist, kind, story and key (see
-- crosscheck.Notification): re-analysing a story does not notify twice.
CREATE TABLE notifications (
	id        BIGSERIAL PRIMARY KEY,
	watchlist BIGINT NOT NULL,
	kind      TEXT NOT NULL,
	story     TEXT NOT NULL,
	finding   TEXT NOT NULL,
	key       TEXT NOT NULL,
	title     TEXT NOT NULL,
	summary   TEXT NOT NULL,
	created   BIGINT NOT NULL,
	UNIQUE (watchlist, kind, story, key)
);
CREATE INDEX notifications_watchlist ON notifications (watchlist, id);

CREATE TABLE webhook_deliveries (
	id           BIGSERIAL PRIMARY KEY,
	notification BIGINT NOT NULL UNIQUE,
	watchlist    BIGINT NOT NULL,
	url          TEXT NOT NULL,
	attempts     INTEGER NOT NULL,
	next_attempt BIGINT NOT NULL,
	state        TEXT NOT NULL,
	last_error   TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt, id);
CREATE INDEX webhook_deliveries_watchlist ON webhook_deliveries (watchlist, id);
