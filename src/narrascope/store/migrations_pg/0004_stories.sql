-- narrascope PostgreSQL schema version 4: stories and threads, the clustering state of
-- narrascope.stories, and the analytics indexes (see the SQLite migration 0004).

CREATE TABLE IF NOT EXISTS stories (
    id TEXT COLLATE "C" PRIMARY KEY,
    thread_id TEXT COLLATE "C",
    label TEXT COLLATE "C",
    terms TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    first_published TEXT COLLATE "C",
    last_published TEXT COLLATE "C",
    article_count BIGINT NOT NULL DEFAULT 0,
    original_count BIGINT NOT NULL DEFAULT 0,
    central_article_id TEXT COLLATE "C",
    central_score DOUBLE PRECISION NOT NULL DEFAULT 0,
    vector TEXT COLLATE "C" NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS threads (
    id TEXT COLLATE "C" PRIMARY KEY,
    label TEXT COLLATE "C",
    terms TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    first_published TEXT COLLATE "C",
    last_published TEXT COLLATE "C",
    story_count BIGINT NOT NULL DEFAULT 0,
    article_count BIGINT NOT NULL DEFAULT 0,
    vector TEXT COLLATE "C" NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS story_terms (
    term TEXT COLLATE "C" NOT NULL,
    story_id TEXT COLLATE "C" NOT NULL,
    last_published TEXT COLLATE "C",
    PRIMARY KEY (term, story_id)
);

CREATE TABLE IF NOT EXISTS thread_terms (
    term TEXT COLLATE "C" NOT NULL,
    thread_id TEXT COLLATE "C" NOT NULL,
    last_published TEXT COLLATE "C",
    PRIMARY KEY (term, thread_id)
);

CREATE TABLE IF NOT EXISTS story_df (
    term TEXT COLLATE "C" PRIMARY KEY,
    df BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS story_terms_window ON story_terms(term, last_published);
CREATE INDEX IF NOT EXISTS story_terms_story ON story_terms(story_id);
CREATE INDEX IF NOT EXISTS thread_terms_thread ON thread_terms(thread_id);
CREATE INDEX IF NOT EXISTS stories_thread ON stories(thread_id);
CREATE INDEX IF NOT EXISTS stories_last ON stories(last_published);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_thread ON articles(thread_id);
CREATE INDEX IF NOT EXISTS narratives_label ON narratives(label, stance, article_id);
CREATE INDEX IF NOT EXISTS narratives_parent ON narratives(parent);
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id, article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
