-- narrascope schema version 1: articles, their child tables, actors, runs, dedup signatures, FTS5.
-- Every Article field has a column; list and dict fields are JSON text so an Article round-trips
-- exactly. The child tables repeat the list items one row each, for SQL tools and Datasette.

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,          -- stable rowid for the FTS index; also the insertion order
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    raw TEXT NOT NULL,
    raw_format TEXT NOT NULL,
    given TEXT NOT NULL DEFAULT '{}',
    url TEXT,
    extracted TEXT,
    html_meta TEXT NOT NULL DEFAULT '{}',
    text TEXT,
    removed TEXT NOT NULL DEFAULT '[]',
    header TEXT NOT NULL DEFAULT '{}',
    title TEXT,
    subtitle TEXT,
    published TEXT,
    published_from TEXT,
    published_confidence REAL,
    outlet TEXT,
    author TEXT,
    genre TEXT,
    language TEXT,
    word_count INTEGER NOT NULL DEFAULT 0,
    truncated INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT,
    duplicate_of TEXT,
    entities TEXT NOT NULL DEFAULT '[]',
    actors TEXT NOT NULL DEFAULT '[]',
    quotes TEXT NOT NULL DEFAULT '[]',
    narratives TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    story_id TEXT,
    thread_id TEXT,
    errors TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE removed_lines (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    line INTEGER,
    reason TEXT,
    text TEXT,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    text TEXT,
    label TEXT,
    "start" INTEGER,
    "end" INTEGER,
    actor_id TEXT,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    actor_id TEXT,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    speaker TEXT,
    speaker_actor_id TEXT,
    via TEXT,
    cue TEXT,
    text TEXT,
    kind TEXT,
    "start" INTEGER,
    "end" INTEGER,
    said_on TEXT,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE narratives (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    label TEXT,
    parent TEXT,
    score REAL,
    stance TEXT,
    evidence TEXT,                   -- JSON list of {start, end, text}
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE roles (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    actor TEXT,
    actor_id TEXT,
    "start" INTEGER,
    "end" INTEGER,
    main_role TEXT,
    fine_roles TEXT,                 -- JSON list of strings
    score REAL,
    evidence TEXT,                   -- JSON list of {start, end, text}
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE stage_errors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    stage TEXT,
    message TEXT,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
    article_count INTEGER NOT NULL DEFAULT 0,
    mention_count INTEGER NOT NULL DEFAULT 0,
    linked_to TEXT
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    paths TEXT NOT NULL DEFAULT '[]',    -- JSON list
    counts TEXT                          -- JSON object
);

CREATE TABLE input_errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    hint TEXT NOT NULL DEFAULT ''
);

-- MinHash signature of each article indexed for near-duplicate search (the deduplicator's state);
-- content hash, published date and duplicate link are read from `articles`.
CREATE TABLE dedup_signatures (
    article_id TEXT PRIMARY KEY,
    minhash BLOB
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
