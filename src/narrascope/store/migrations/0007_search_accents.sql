-- PostgreSQL's full-text search now folds accents as this store's FTS5 tokenizer already does
-- (migrations_pg, same number); nothing changes here. The version numbers of both backends stay equal.
SELECT 1;
