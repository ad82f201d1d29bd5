-- narrascope PostgreSQL schema version 2: the indexes of the SQLite schema version 2.

CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor_id);
CREATE INDEX quotes_said_on ON quotes(said_on);
CREATE INDEX entities_actor ON entities(actor_id);
CREATE INDEX roles_actor ON roles(actor_id);
CREATE INDEX input_errors_run ON input_errors(run_id);
