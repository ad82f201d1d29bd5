-- narrascope PostgreSQL schema version 6: the inverted indexes of stories and threads read per term,
-- most recently active first, a bounded number of rows (see the SQLite migration 0006).
DROP INDEX IF EXISTS story_terms_window;
CREATE INDEX IF NOT EXISTS story_terms_recent ON story_terms(term, last_published, story_id);
CREATE INDEX IF NOT EXISTS thread_terms_recent ON thread_terms(term, last_published, thread_id);
