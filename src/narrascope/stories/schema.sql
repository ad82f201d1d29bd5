-- narrascope stories: articles that tell the same story, and threads of stories on one topic. The same
-- statements ship as store migration 0004_stories.sql; the stories stage applies this file itself on a
-- store from before that migration (IF NOT EXISTS keeps both paths idempotent).
-- A vector is JSON {term: weight}: the sum of its articles' TF-IDF vectors, heaviest terms kept.

CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,              -- "s-" + hash of the article that started it (stable)
    thread_id TEXT,
    label TEXT,                       -- the headline of its most central article, else its key terms
    terms TEXT NOT NULL DEFAULT '[]', -- JSON list: key terms, heaviest first
    first_published TEXT,             -- YYYY-MM-DD; NULL for a story of undated articles
    last_published TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    original_count INTEGER NOT NULL DEFAULT 0,
    central_article_id TEXT,
    central_score REAL NOT NULL DEFAULT 0,
    vector TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS threads (
    id TEXT PRIMARY KEY,              -- "t-" + hash of the story that started it (stable)
    label TEXT,
    terms TEXT NOT NULL DEFAULT '[]',
    first_published TEXT,
    last_published TEXT,
    story_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    vector TEXT NOT NULL DEFAULT '{}'
);

-- inverted indexes: the heaviest terms of each story / thread, with its last date for the time window
CREATE TABLE IF NOT EXISTS story_terms (
    term TEXT NOT NULL,
    story_id TEXT NOT NULL,
    last_published TEXT,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS thread_terms (
    term TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    last_published TEXT,
    PRIMARY KEY (term, thread_id)
) WITHOUT ROWID;

-- document frequency of each term over the clustered articles (IDF); the count of documents is
-- the row with term ''
CREATE TABLE IF NOT EXISTS story_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS story_terms_window ON story_terms(term, last_published);
CREATE INDEX IF NOT EXISTS story_terms_story ON story_terms(story_id);
CREATE INDEX IF NOT EXISTS thread_terms_thread ON thread_terms(thread_id);
CREATE INDEX IF NOT EXISTS stories_thread ON stories(thread_id);
CREATE INDEX IF NOT EXISTS stories_last ON stories(last_published);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_thread ON articles(thread_id);
-- analytics: narratives and actors over time, articles by narrative
CREATE INDEX IF NOT EXISTS narratives_label ON narratives(label, stance, article_id);
CREATE INDEX IF NOT EXISTS narratives_parent ON narratives(parent);
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id, article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
