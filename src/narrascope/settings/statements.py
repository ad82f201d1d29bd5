"""Word lists and thresholds for the statements stage (who said what, and when).

Lemmas are spaCy lemmas (lower case). Change a list here, not in the code that uses it.
"""

# Verbs whose subject is the speaker and whose complement (ccomp, xcomp, dobj, "that"-clause)
# is what was said, written or reported.
SPEECH_VERBS: frozenset[str] = frozenset({
    "say", "tell", "add", "state", "claim", "write", "tweet", "post", "deny", "warn", "insist",
    "argue", "note", "explain", "announce", "declare", "report", "assert", "stress", "emphasize",
    "emphasise", "suggest", "acknowledge", "admit", "allege", "confirm", "reiterate",
    "maintain", "contend", "predict", "promise", "pledge", "vow", "urge", "demand",
    "ask", "answer", "reply", "respond", "recall", "mention", "concede", "caution",
    "complain", "boast", "charge", "accuse", "testify", "tell", "inform", "remark", "observe",
    "comment", "conclude", "estimate", "assess", "indicate", "signal", "hint", "propose",
    "recommend", "counter", "retort", "quip", "joke", "describe", "call", "speak", "talk",
    "reveal", "disclose", "believe", "think", "hope", "fear", "expect", "agree", "dispute",
    "wonder", "express", "voice", "underline", "highlight",
})

# The "verbs of saying" used for the saying subset of the attribution benchmark (by the cue's
# lemma; a multi-word cue counts when its head verb is one of these).
SAYING_VERBS: frozenset[str] = frozenset({
    "say", "tell", "add", "state", "claim", "write", "tweet", "post", "deny", "warn", "insist",
    "argue", "note", "explain", "announce", "declare", "report", "assert", "stress", "emphasize",
    "emphasise", "reiterate", "repeat", "allege", "confirm", "acknowledge", "admit", "reply",
    "respond", "answer", "ask", "suggest", "according", "remark", "comment", "continue",
})

# "call" is a speech verb only with these particles/prepositions ("called for talks",
# "called on Kyiv to ..."); "what he calls a 'special operation'" names, it does not quote.
CALL_PREPOSITIONS: frozenset[str] = frozenset({"for", "on", "upon"})

# Verbs that only name or label: a quoted term they govern is a scare quote, never a statement.
NAMING_VERBS: frozenset[str] = frozenset({"call", "dub", "term", "label", "brand", "nickname", "title", "name"})

# Outlets and agencies reporting what someone else said: when their content holds another
# attributed statement, that inner statement is the one kept, with `via` set to them.
REPORTING_CUES: frozenset[str] = frozenset({"report", "according", "cite", "quote"})

# Nouns that carry a statement in a "that"-clause: "repeated his claim that ..."
SPEECH_NOUNS: frozenset[str] = frozenset({
    "claim", "statement", "assertion", "warning", "remark", "comment", "promise", "pledge",
    "insistence", "announcement", "allegation", "accusation", "denial", "argument", "suggestion",
})

# Dependency labels of a speech verb's children that hold the content.
CONTENT_DEPS: frozenset[str] = frozenset({"ccomp", "xcomp", "parataxis"})
# Verbs whose direct object is itself the content ("stated the need for ...", "denied the report").
OBJECT_CONTENT_VERBS: frozenset[str] = frozenset({
    "state", "deny", "claim", "announce", "demand", "promise", "pledge", "reiterate", "repeat",
    "warn", "stress", "confirm", "acknowledge", "admit", "propose", "voice", "express", "urge",
    "tweet", "post", "write", "predict", "suggest", "threaten", "emphasize", "emphasise", "note",
    "declare", "cite", "say", "argue", "insist", "believe", "think", "add", "reply",
})
# Prepositions whose object is the content ("warned of a new offensive", "wrote about ...").
CONTENT_PREPOSITIONS: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "warn": frozenset({"of", "about", "against"}),
    "write": frozenset({"about"}),
    "speak": frozenset({"about", "of"}),
    "talk": frozenset({"about"}),
}

# Subject pronouns that are not a speaker ("it is said", "there ...").
EXPLETIVE_SUBJECTS: frozenset[str] = frozenset({"it", "there", "this", "that", "what", "which"})

# Opening mark -> closing mark of outer quotations.
QUOTE_PAIRS: dict[str, str] = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}
SINGLE_QUOTE_PAIRS: dict[str, str] = {"\u2018": "\u2019", "'": "'"}

# A quoted passage with no speech cue anywhere near it is dropped when shorter than this many
# words (scare quotes, titles, terms); longer ones are kept with an unknown speaker.
MIN_UNATTRIBUTED_QUOTE_WORDS = 10
# How many sentences after a quote its speaker may be named ("... ." / "Kirby said.").
SPEAKER_LOOKAHEAD_SENTENCES = 2
# A quoted fragment of at most this many words, all capitalised, inside indirect speech is a
# title (book, film, operation), not a quotation.
MAX_TITLE_WORDS = 6
TITLE_SMALL_WORDS: frozenset[str] = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by"})
# A trailing frame (", the ISW added.") has at most this many tokens.
MAX_TRAILING_FRAME_TOKENS = 16
# Content shorter than this many words is not a statement ("he said so", "denied it").
MIN_CONTENT_WORDS = 2
# Content with at most this many words outside quotation marks is a direct quote, else mixed.
DIRECT_MAX_UNQUOTED_WORDS = 1
# A bare frame ("Kirby said.") may sit at most this many line breaks after its quote.
MAX_PARAGRAPH_BREAKS_TO_SPEAKER = 1
# A quotation shorter than this many words is a statement only inside a content span the parse
# found ("said the talks were “a farce”"), never on its own (scare quotes, terms, titles).
MIN_FRAMED_QUOTE_WORDS = 4
# A clause before the verb opening with one of these is adverbial, never the content.
ADVERBIAL_OPENERS: frozenset[str] = frozenset({
    "when", "if", "because", "while", "after", "before", "since", "although", "though", "once", "unless",
})
# Entity labels that can name a speaker inside a longer speaker phrase.
SPEAKER_ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Verbs whose direct object is the addressee, not the content ("told reporters").
ADDRESSEE_VERBS: frozenset[str] = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge"})
