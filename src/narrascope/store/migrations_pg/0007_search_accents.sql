-- Full-text search folds accents, as the SQLite store's FTS5 tokenizer does (remove_diacritics 2):
-- "cafe" finds "Café" on both backends. The text search configuration `narrascope_search` is
-- 'simple' with the `unaccent` dictionary (a trusted extension shipped with PostgreSQL) in front;
-- search_vector is rebuilt under it. Where the extension cannot be created (not installed on the
-- server, or no right to create it), the configuration is plain 'simple': search then works
-- without folding accents, and a WARNING says so.
DO $$
DECLARE
    dictionary_schema TEXT;
BEGIN
    -- one extension per database: stores in several schemas take turns creating it
    PERFORM pg_advisory_xact_lock(hashtext('narrascope.unaccent'));
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
        BEGIN
            CREATE EXTENSION unaccent SCHEMA public;
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'narrascope: could not create the unaccent extension (%): full-text search will not fold accents', SQLERRM;
        END;
    END IF;
    CREATE TEXT SEARCH CONFIGURATION narrascope_search (COPY = pg_catalog.simple);
    SELECT n.nspname INTO dictionary_schema
        FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
        WHERE d.dictname = 'unaccent' ORDER BY n.nspname = 'public' DESC LIMIT 1;
    IF dictionary_schema IS NOT NULL THEN
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION narrascope_search '
                       'ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, simple', dictionary_schema);
    END IF;
END $$;

ALTER TABLE articles DROP COLUMN search_vector;
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('narrascope_search'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('narrascope_search'::regconfig, coalesce(text, '')), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search_vector);
