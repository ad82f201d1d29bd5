"""Settings of canonical actors: labels, word lists, metonyms (see stages/actors*.py)."""

# spaCy NER label -> (actor type, id prefix). Labels not listed get entities but no actor.
# GPE is a place that also acts as its government ("Russia said..."): type "gpe".
ACTOR_TYPES: dict[str, tuple[str, str]] = {
    "PERSON": ("person", "person"),
    "ORG": ("organisation", "org"),
    "GPE": ("gpe", "gpe"),
    "NORP": ("group", "group"),
    "LOC": ("place", "place"),
    "FAC": ("place", "place"),
}
# When one name is labelled differently across its mentions, the majority wins; ties go to the first here.
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
TYPE_PREFIX = {kind: prefix for kind, prefix in ACTOR_TYPES.values()}
PREFIX_TYPE = {prefix: kind for kind, prefix in ACTOR_TYPES.values()}

# Never an actor, whatever spaCy says.
PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "this that these those who whom whose which someone somebody everyone everybody anyone nobody".split()
)
# Words stripped from the front of a person's name and read as a title ("Foreign Minister Anika Sorell").
TITLE_NOUNS = frozenset(
    "president minister chancellor premier king queen prince emperor pope leader head chief "
    "spokesman spokeswoman spokesperson deputy secretary ambassador envoy adviser advisor "
    "governor mayor senator congressman congresswoman representative general commander admiral "
    "marshal colonel director chairman chairwoman chair speaker governor-general prosecutor judge "
    "dictator strongman ruler monarch official diplomat aide deputy editor founder analyst expert "
    "economist journalist correspondent mr mrs ms dr sir lord lady".split()
)
TITLE_MODIFIERS = frozenset(
    "foreign prime defence defense interior finance justice economic economy deputy vice former ex "
    "acting first second chief top senior press state general secretary national security special "
    "presidential supreme high military political".split()
)
# Role nouns that name one person when the article ties them to a name ("the Russian leader").
ROLE_NOUNS = TITLE_NOUNS - frozenset("mr mrs ms dr sir lord lady official expert analyst journalist".split())
# "the Russian leader" may refer to whoever the article titled president, prime minister, ...
LEADER_NOUNS = frozenset("leader ruler head strongman dictator".split())
HEAD_OF_STATE_NOUNS = frozenset("president premier chancellor king queen emperor monarch leader dictator".split())
HEAD_OF_STATE_TITLES = frozenset({"prime minister"})

# Demonyms whose stem is not the country's ("French" / "France"); others match by common prefix.
DEMONYMS = {
    "french": "france", "british": "britain", "english": "england", "dutch": "netherlands",
    "chinese": "china", "japanese": "japan", "turkish": "turkey", "polish": "poland", "swiss": "switzerland",
    "us": "united states", "u.s.": "united states", "american": "united states", "america": "united states",
    "uk": "britain", "u.k.": "britain", "german": "germany", "israeli": "israel", "iranian": "iran",
    "belarusian": "belarus", "kazakh": "kazakhstan",
}
MIN_SHARED_STEM = 5  # "velorian" ~ "veloria": a shared prefix at least this long and all but one letter

# Names that always denote one fixed actor, whatever spaCy's label (keys: lowercase, no leading "the").
# value: (actor id, canonical name, linked_to actor id or None)
# Decision: a capital used for its government ("Kyiv wants talks") is NOT split from the city: the
# capital is one actor of type gpe linked_to its country's actor, like "the Kremlin" (an organisation
# linked to Russia). Later stages that need the government follow `linked_to`.
METONYMS: dict[str, tuple[str, str, str | None]] = {
    "kremlin": ("org:kremlin", "Kremlin", "gpe:russia"),
    "white house": ("org:white-house", "White House", "gpe:united-states"),
    "pentagon": ("org:pentagon", "Pentagon", "gpe:united-states"),
    "state department": ("org:state-department", "State Department", "gpe:united-states"),
    "downing street": ("org:downing-street", "Downing Street", "gpe:united-kingdom"),
    "elysee": ("org:elysee", "Elysee", "gpe:france"),
    "élysée": ("org:elysee", "Elysee", "gpe:france"),
    "bankova": ("org:bankova", "Bankova", "gpe:ukraine"),
    "zhongnanhai": ("org:zhongnanhai", "Zhongnanhai", "gpe:china"),
    "kyiv": ("gpe:kyiv", "Kyiv", "gpe:ukraine"),
    "kiev": ("gpe:kyiv", "Kyiv", "gpe:ukraine"),
    "moscow": ("gpe:moscow", "Moscow", "gpe:russia"),
    "washington": ("gpe:washington", "Washington", "gpe:united-states"),
    "beijing": ("gpe:beijing", "Beijing", "gpe:china"),
    "minsk": ("gpe:minsk", "Minsk", "gpe:belarus"),
    "london": ("gpe:london", "London", "gpe:united-kingdom"),
    "brussels": ("gpe:brussels", "Brussels", "org:european-union"),
    # countries under several names
    "russia": ("gpe:russia", "Russia", None),
    "russian federation": ("gpe:russia", "Russia", None),
    "ukraine": ("gpe:ukraine", "Ukraine", None),
    "us": ("gpe:united-states", "United States", None),
    "u.s.": ("gpe:united-states", "United States", None),
    "usa": ("gpe:united-states", "United States", None),
    "u.s.a.": ("gpe:united-states", "United States", None),
    "united states": ("gpe:united-states", "United States", None),
    "united states of america": ("gpe:united-states", "United States", None),
    "america": ("gpe:united-states", "United States", None),
    "uk": ("gpe:united-kingdom", "United Kingdom", None),
    "u.k.": ("gpe:united-kingdom", "United Kingdom", None),
    "britain": ("gpe:united-kingdom", "United Kingdom", None),
    "great britain": ("gpe:united-kingdom", "United Kingdom", None),
    "united kingdom": ("gpe:united-kingdom", "United Kingdom", None),
    "eu": ("org:european-union", "European Union", None),
    "european union": ("org:european-union", "European Union", None),
    "un": ("org:united-nations", "United Nations", None),
    "united nations": ("org:united-nations", "United Nations", None),
    "nato": ("org:nato", "NATO", None),
    "west": ("place:west", "West", None),
}
# Canonical names of the link targets above, so the actor table can hold them even when unmentioned.
LINK_TARGET_NAMES = {
    "gpe:russia": "Russia", "gpe:united-states": "United States", "gpe:united-kingdom": "United Kingdom",
    "gpe:france": "France", "gpe:ukraine": "Ukraine", "gpe:china": "China", "gpe:belarus": "Belarus",
    "org:european-union": "European Union",
}

# Words ignored when making an abbreviation from a name ("Institute for the Study of War" -> ISW).
ABBREVIATION_STOPWORDS = frozenset("the of for and on in at to a an & de".split())
MAX_ABBREVIATION = 8

PRONOUN_LOOKBACK_SENTENCES = 2  # resolve_pronoun looks this many sentences back
MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
NEUTER_PRONOUNS = frozenset("it its itself".split())  # refer to an organisation or a gpe, never a person
NEUTER_PREFIXES = ("org:", "gpe:")
MALE_CUES = frozenset("mr king prince sir lord spokesman chairman congressman".split())
FEMALE_CUES = frozenset("mrs ms queen princess lady spokeswoman chairwoman congresswoman".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# Corpus-level merge (stages/actors_merge.py)
MAX_ALIASES = 25  # aliases kept per actor in the table (most frequent first)
MIN_ROLE_WORDS = 2  # a role becomes an alias only with a modifier ("Velorian President", not "president")
# One-word ORG mentions may be a surname spaCy mislabelled ("Sorell" as ORG): joined to the one person
# with that surname in the corpus. GPE/NORP/LOC one-word names are never read as surnames.
SURNAME_LABEL_PREFIXES = frozenset({"person", "org"})

# A proper name right after one of these nouns is an organisation, whatever spaCy says (sm misses
# outlets: "the opposition publication Meduza", "the outlet Marrow Ledger" read as a person).
ORG_DESCRIPTORS = frozenset(
    "publication newspaper paper outlet agency magazine website site channel broadcaster network "
    "tank daily weekly portal tabloid radio station company firm party ministry".split()
)

# A one-word "PERSON" in a place's position is a place (spaCy sm reads many towns as people):
# the object of one of these prepositions, or listed together with places ("Dravik and Ostel").
LOCATIVE_PREPOSITIONS = frozenset("in near outside across inside around".split())
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# More fixed names for a corpus, without editing this file: YAML files named in this environment
# variable (separated by the OS path separator), each a mapping
#     kessa: {id: gpe:kessa, name: Kessa, linked_to: gpe:estmark}
# Keys are lowercase names without a leading "the"; `linked_to` is optional. Entries override the table.
METONYM_FILES_ENV = "NARRASCOPE_METONYMS"
