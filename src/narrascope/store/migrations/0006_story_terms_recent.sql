-- narrascope schema version 6: the inverted indexes of stories and threads are read per term, most
-- recently active first, a bounded number of rows (narrascope.stories.tables.term_hits): one index on
-- (term, last_published, id) for each, so that such a read is one short range scan.
DROP INDEX IF EXISTS story_terms_window;
CREATE INDEX IF NOT EXISTS story_terms_recent ON story_terms(term, last_published, story_id);
CREATE INDEX IF NOT EXISTS thread_terms_recent ON thread_terms(term, last_published, thread_id);
