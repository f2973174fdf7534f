-- Several watch/ingest workers sharing this database (package coord).
--
-- work_claims: article URLs (normalised keys) a watcher has claimed. A row
-- in state 'claimed' belongs to claimed_by until lease_until (Unix
-- nanoseconds); its worker renews the lease while it lives, so a claim
-- whose lease ran out is a crashed worker's and another takes it over
-- (SELECT … FOR UPDATE SKIP LOCKED). 'done' rows are never fetched again.
CREATE TABLE work_claims (
	key         TEXT PRIMARY KEY,
	url         TEXT NOT NULL,
	feed        TEXT NOT NULL,
	outlet      TEXT NOT NULL,
	published   BIGINT,
	state       TEXT NOT NULL CHECK (state IN ('claimed', 'done')),
	claimed_by  TEXT NOT NULL,
	lease_until BIGINT NOT NULL,
	claims      INTEGER NOT NULL,
	updated     BIGINT NOT NULL
);
CREATE INDEX work_claims_leases ON work_claims (lease_until) WHERE state = 'claimed';
CREATE INDEX work_claims_worker ON work_claims (claimed_by) WHERE state = 'claimed';

-- placements: the store-wide log of story assignments. A row is written
-- only under the assignment advisory lock, so seq orders placements the
-- way every worker must replay them; an article is placed once.
CREATE TABLE placements (
	seq     BIGSERIAL PRIMARY KEY,
	article TEXT NOT NULL UNIQUE,
	story   TEXT NOT NULL,
	worker  TEXT NOT NULL,
	placed  BIGINT NOT NULL
);
CREATE INDEX placements_story ON placements (story);
