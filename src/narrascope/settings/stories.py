"""Stories settings: features, similarity thresholds and time windows of the story clustering,
and the limits of the analytics queries (`narrascope.store.analytics`)."""

# --- features (narrascope.stories.features) ---
LEAD_WORDS = 300  # words of the body used (the lead carries the event; the tail drifts)
TITLE_WEIGHT = 2.0  # a title term counts this many times a body term
NAME_WEIGHT = 1.5  # a capitalised name ("Anika Sorell") counts this many times a plain word
ACTOR_WEIGHT = 1.5  # an actor id from the nlp stage, when it has run
MIN_WORD_LENGTH = 3
WORD_CACHE = 200_000  # normalised forms of words kept in memory (bounded; words repeat across articles)
IDF_PRIOR_DOCUMENTS = 20  # pseudo-documents holding every term: a small corpus gets a flat IDF
ARTICLE_TERMS = 60  # an article vector keeps its heaviest terms only
QUERY_TERMS = 15  # terms of an article used to look up candidate stories in the inverted index
CENTROID_TERMS = 120  # a story's or thread's summed vector keeps its heaviest terms
INDEX_TERMS = 25  # terms of a story or thread put in the inverted index
LABEL_TERMS = 4  # key terms shown as a story's label
# English function words (importing scikit-learn's list would cost seconds of start-up)
ENGLISH_STOP_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along already also although
    always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
    back be became because become becomes becoming been before beforehand behind being below beside
    besides between beyond both but by can cannot could did do does doing done down due during each
    either else elsewhere enough etc even ever every everyone everything everywhere except few for former
    formerly from further had has have having he hence her here hereafter hereby herein hers herself him
    himself his how however i if in indeed instead into is it its itself keep last latter least less made
    many may me meanwhile might mine more moreover most mostly much must my myself namely neither never
    nevertheless next no nobody none nor not nothing now nowhere of off often on once one only onto or
    other others otherwise our ours ourselves out over own part perhaps please put rather same see seem
    seemed seeming seems several she should since so some somehow someone something sometime sometimes
    somewhere still such than that the their theirs them themselves then thence there thereafter thereby
    therefore therein these they this those though through throughout thru thus to together too toward
    towards under until up upon us very via was we well were what whatever when whence whenever where
    whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole
    whom whose why will with within without would yet you your yours yourself yourselves""".split()
)
# words that say nothing about the event
NEWS_STOP_WORDS = frozenset(
    """said says say told according reported report reports added noted stated asked news
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks
    month months year years day days time times new also just like would could should may might
    one two three first last people mr mrs ms per cent percent read more photo video image
    january february march april may june july august september october november december""".split()
)

# --- clustering (narrascope.stories.assign) ---
STORY_THRESHOLD = 0.30  # cosine of an article to a story's centroid to join it
MERGE_THRESHOLD = 0.30  # cosine of two stories' centroids (within the window) to merge them
STORY_WINDOW_DAYS = 7  # an article joins a story only within this many days of the story's span
THREAD_THRESHOLD = 0.18  # cosine of a new story to a thread's centroid to join it
THREAD_MERGE_THRESHOLD = 0.30  # cosine of two threads' centroids to merge them (a topic begun as two)
THREAD_GAP_DAYS = 540  # a thread silent for longer than this is closed (the seeds span ~14 months between dated offers)
CANDIDATES = 10  # stories (threads) scored per article (story), found through the inverted index
# per query term, index rows read: the most recently active dated stories (threads) and as many undated
# ones; bounds the lookup so that the cost per article does not grow with the stories already made
TERM_CANDIDATES = 40
CHUNK_SIZE = 500  # articles per transaction

# --- analytics (narrascope.store.analytics) ---
MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 20
MAX_TOP = 500  # largest `limit` of top_* queries
GRANULARITIES = ("day", "week", "month", "year")
