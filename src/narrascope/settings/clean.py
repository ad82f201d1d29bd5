"""Clean-stage settings: shape thresholds and generic phrase lists (many outlets, many CMSs).

Phrases are regular-expression fragments matched case-insensitively, only on lines short enough
to be widgets, never inside a long body sentence. Lists named *_STRONG, *_MARKERS, AUTHOR_BIO,
DISCLAIMER, CAPTION_START and VIDEO_PHRASES match at the START of a line; NAVIGATION, SOURCE_LINK,
TAGS, COMMENT_WEAK and TEASER_MARKERS must match the WHOLE line (bullets and a final ":" aside).
They are deliberately generic: they describe kinds of noise, not one site.
"""

# --- shape thresholds ------------------------------------------------------------------
TITLE_MAX_WORDS = 25  # a title-like line: short, no final full stop
TITLE_MAX_CHARS = 200
BODY_MIN_WORDS = 6  # a line ending with a full stop and at least this long starts the body
BODY_ANY_WORDS = 30  # a line this long is body whatever its punctuation (a truncated paragraph)
LONG_PARAGRAPH_WORDS = 25  # "a real paragraph": used to find where the article ends
HEADER_MAX_LINES = 10  # the header zone is at most this many non-blank lines at the top
OUTLET_MAX_WORDS = 4
SECTION_MAX_WORDS = 3  # an ALL-CAPS label this short is a section/genre label
BYLINE_MAX_WORDS = 14
SUBTITLE_MAX_WORDS = 60
AGENCIES = (  # one-word outlet names common as a line under the title (with OUTLET_WORDS, ALL-CAPS names)
    "reuters ap afp xinhua tass bloomberg interfax ukrinform unian anadolu dpa efe ansa kyodo yonhap ria sputnik "
    "bbc cnn rt axios politico newsweek forbes"
).split()
SIGNATURE_MAX_WORDS = 3  # a short capitalised line under the title: outlet ("Reuters") or author ("Lior Hale")
WIDGET_MAX_WORDS = 20  # a widget phrase on a longer line is a body sentence
WEAK_WIDGET_NEIGHBOURS = 2  # a weak widget phrase needs other noise this close (non-blank lines)
CAPTION_MAX_WORDS = 90  # a caption with a credit can be long (agency captions)
CAPTION_BLOCK_MAX_SENTENCES = 2  # a caption above a bare credit line is one or two sentences
CAPTION_MIN_WORDS = 4  # fewer words besides the credit: a bare photo-credit
CREDIT_TAIL_CHARS = 2  # a credit must end this close to the end of the line (a final "." or ")"), or open it
CREDIT_MAX_CHARS = 140  # the longest credit marker looked for
FRAGMENT_MAX_WORDS = 2
DATELINE_MAX_WORDS = 8  # the part before the dash
WRAP_MIN_LINES = 5  # hard-wrapped text: at least this many lines followed directly by another line...
WRAP_MIN_WIDTH = 40  # ...nearly all of them between these widths (a wrap column)
WRAP_MAX_WIDTH = 100
WRAP_IN_BAND_SHARE = 0.85
WRAP_PROSE_CHARS = 40  # in wrapped text, two adjacent lines this long are a paragraph, not a header
HEADLINE_RUN_MIN_ANCHORS = 3  # time/day lines needed to call a run a headline list
HEADLINE_RUN_MAX_GAP = 3  # non-anchor lines allowed between two anchors of a run
HEADLINE_MAX_WORDS = 30
TEASER_MAX_ITEMS = 6  # headline lines a teaser marker may carry
BLURB_MAX_WORDS = 45
BLURB_MAX_SENTENCES = 2
BLURB_MEDIAN_RATIO = 0.6  # a blurb is clearly shorter than the article's typical paragraph
TEASER_INLINE_MAX_WORDS = 30  # "Read also: <headline>" on one line
BIO_MAX_WORDS = 70
DISCLAIMER_MAX_WORDS = 60
SOURCE_MAX_WORDS = 8
SHARE_MAX_WORDS = 10
OUTLET_SUFFIX_MAX_WORDS = 4  # "... - Times of Somewhere", "... | CNN"

# --- word lists -------------------------------------------------------------------------
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
).split()
# tokens allowed on a date line besides numbers, months and weekdays
DATE_FILLERS = "updated published posted last modified on at gmt utc est edt cet cest bst msk eet eest am pm a.m. p.m. of th st nd rd".split()

# section / genre / content labels (one-line kickers); ALL-CAPS short lines count too
SECTION_LABELS = (
    "opinion analysis exclusive review interview blog blogs column comment commentary editorial "
    "explainer feature features news breaking live update updated video photo photos gallery podcast "
    "world europe politics economy business war sport sports culture society investigation "
    "fact check factcheck op-ed oped sponsored partner content special report longread"
).split()

# words that make a short top line an outlet name ("Espreso. Global", "Daily Marrow")
OUTLET_WORDS = (
    "news times post daily journal review dispatch bulletin digest magazine inquirer global media today herald tribune gazette ledger agency tv "
    "radio online press pravda insider express telegraph guardian observer chronicle wire "
    "weekly monitor report courier mirror standard star sun independent network channel"
).split()

# teaser markers: a line that is only this (plus ":"/bullets), or this + ":" + a headline
# teaser markers that introduce a teaser: the headline(s) under them (and one blurb) are the teaser
TEASER_MARKERS = [
    r"read (?:also|more|next|too)", r"also read", r"see also", r"other points of interest",
    r"related(?: (?:articles?|stories|news|posts|content|coverage|topics|reading))?", r"recommended(?: for you)?",
    r"you (?:may|might) (?:also )?(?:like|be interested in)", r"don'?t miss", r"must read", r"editor'?s picks?",
    r"further reading", r"what to read next",
]
# headings of link widgets (the links themselves are often lost in the scrape): only the heading,
# and a list of headlines directly under it (no blank line), are the teaser; never a blurb
TEASER_HEADINGS = [
    r"more news", r"latest news", r"in other news", r"top stories", r"most (?:read|popular|viewed)(?: in [^.!?]{1,30})?",
    r"latest (?:news|videos?|stories|updates?)", r"(?-i:[A-Z][A-Z ]{1,30} LATEST)", r"trending(?: now)?", r"popular(?: now)?",
    r"read more(?: \w+)? (?:stories|news|articles)", r"read more (?:on|about|in|from) [^.!?]{1,40}",
    r"more (?:from|on|stories|articles)\b[^.!?]{0,40}", r"more (?:on|about) this (?:story|topic)", r"also on [^.!?]{1,30}",
]

# comment widgets: strong phrases are noise on any short line
COMMENT_STRONG = [
    r"leave a (?:reply|comment)", r"your email address will not be published", r"required fields are marked",
    r"(?:written|posted|published) by (?:admin|administrator|editor|staff|webmaster|guest|user|moderator)\b",
    r"\S* ?app key not set", r"please check settings", r"api key (?:not set|invalid|missing)", r"invalid api key",
    r"\d+ comments?[\s:]*$", r"comments? \(\d+\)\s*$", r"(?:add|post|write) (?:a |your )?comment", r"report (?:abuse|comment)",
    r"sort (?:comments )?by (?:newest|oldest|best|top)", r"\d+ (?:replies|likes)\s*$", r"log ?in to (?:comment|reply|leave)",
    r"you must be logged in", r"cancel reply", r"save my name,? email", r"notify me of (?:new|follow)",
    r"be the first to comment", r"(?:show|load|view|hide) (?:all )?comments", r"join the (?:conversation|discussion)",
    r"comments are closed", r"like this:? like loading", r"this site uses akismet",
]
# weak: noise only next to other noise or after the article has ended
COMMENT_WEAK = [r"what do you think\??", r"comments?:?", r"name \*?", r"e-?mail \*", r"website:?", r"reply", r"like this:?"]

SHARE_WORDS = (  # a share bar names at least one of these...
    "share shares sharing tweet facebook twitter x whatsapp telegram viber email e-mail "
    "linkedin reddit pinterest messenger vk flipboard sms"
).split()
SHARE_FILLERS = "on this article story via print copy link copied url save mail".split()  # ...and may add these
# share residue glued to the end of a body line ("... reasonable. Click To Tweet"): cut, the sentence stays
SHARE_SUFFIXES = [r"click to tweet", r"tweet this", r"share this quote", r"share on (?:x|twitter|facebook)"]
SHARE_SUFFIX_MAX_CHARS = 24  # each suffix contains "tweet" or "share" within this many final characters
SHARE_STRONG = [r"share (?:this|on|via)\b", r"follow us (?:on|in)\b", r"like us on (?:facebook|\w+)\b", r"subscribe to (?:our|the) [^.!?]{1,40}(?:channel|newsletter|feed)",
                r"join (?:us|our) on (?:telegram|facebook|whatsapp|viber)", r"click (?:here )?to share"]

NAVIGATION = [
    r"skip to (?:main )?content", r"back to top", r"advertisement", r"advert", r"sponsored content",
    r"(?:next|previous|prev) (?:article|story|post)", r"sign (?:up|in) for [^.!?]{1,40}", r"accept (?:all )?cookies",
    r"cookie (?:policy|settings)", r"privacy policy", r"terms of (?:use|service)", r"all rights reserved",
    r"continue reading", r"show more", r"load more", r"scroll (?:down|to continue)", r"print this (?:page|article)",
    r"\d+\s?min(?:ute)?s?(?: read| reading time)?", r"reading time:? \d+\s?min(?:ute)?s?", r"listen to (?:this )?(?:article|story)",
    r"listen(?: \d+ min(?:ute)?s?)?", r"(?:font|text) size", r"print", r"save article",
    r"support (?:our|independent) journalism[^.!?]{0,60}", r"become a (?:member|subscriber|patron)[^.!?]{0,40}",
    r"(?:subscribe|sign up) (?:to|for) (?:our|the) [^.!?]{1,30}newsletter[^.!?]{0,40}",
]
# weak: common words that are navigation only next to other noise or outside the article
NAVIGATION_WEAK = [r"home", r"menu", r"search", r"close", r"ad", r"ads", r"subscribe(?: now)?", r"newsletters?",
                   r"log ?in", r"sign ?(?:in|up)", r"more", r"news", r"top"]

SOURCE_LINK = [r"source link", r"source", r"sources?(?: for this (?:article|story|report))?(?: include)?:",
               r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|news|gov|edu|co\.uk|ru|ua|tv)(?:/\S*)?", r"h/t [^.!?]{1,60}",r"https?://\S+", r"www\.\S+", r"sources?: [^.!?]{1,60}", r"original(?: source| article)?: [^.!?]{0,60}",
               r"via: [^.!?]{1,40}", r"read (?:the )?(?:original|full) (?:article|story)[^.!?]{0,40}", r"read more at [^.!?]{1,40}"]
TAGS = [r"tags?:", r"tags?: .*", r"topics?:", r"topics?: .*", r"keywords?:.*", r"filed under:?.*", r"categories:.*"]

AUTHOR_BIO = [r"about the (?:author|writer|contributor)s?\b", r"the author is\b", r"the writer is\b",
              r"\w[\w .'’-]{1,40} is (?:an?|the|[\w .'’-]{1,40}['’]s) (?:[\w-]+ ){0,4}(?:scientist|analyst|journalist|writer|fellow|professor|researcher|expert|columnist|editor|correspondent|reporter)\b",
              r"(?:written|posted) by [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}$"]
DISCLAIMER = [
    r"the (?:editors?|editorial (?:board|team|office)|publisher) (?:do(?:es)? not|may not) (?:always |necessarily )?(?:share|reflect|endorse)",
    r"(?:the )?(?:views|opinions) expressed", r"disclaimer\b", r"this (?:article|story|column|text) (?:was|is) (?:originally|first) (?:published|appeared)",
    r"(?:originally|first) (?:published|appeared) (?:in|on|at)\b", r"republished (?:with|from|under)", r"reprinted (?:from|with)\b", r"\(?reporting by [^.]{1,80}(?:;|editing by)",
    r"\(?editing by\b", r"[\w .'’-]{1,60} does not (?:necessarily )?endorse\b", r"(?:additional|further) reporting by\b", r"translated by\b", r"\(?this (?:story|article) has not been edited", r"©|\(c\) \d{4}|copyright\b",
    r"the content of this (?:article|publication) is the sole responsibility", r"our standards:",
    r"with inputs from [^.!?]{1,40}[.]?$",
    r"[\w .,'’-]{0,80} contributed (?:reporting )?to this (?:report|story|article)",
]

# photo credits (anywhere in a caption line, but near its end or at its start)
# a credit must END the caption line (or open it): each pattern runs to the end of its credit.
# They are compiled case-insensitively; (?-i:...) keeps a capital letter a capital letter.
CREDIT_MARKERS = [
    r"\((?:photo|image|picture|credit|foto|pic)s?(?: by|:| credit:?)[^)]{1,120}\)",
    r"\bvia getty images\)?",
    r"/\s?(?:afp|ap|pool|epa|reuters|getty(?: images)?|tass|xinhua|sputnik)(?: via getty images)?\)?",
    r"\b(?:reuters|ap photo|afp|epa(?:-efe)?|anadolu|xinhua|sputnik|tass|getty images|shutterstock|alamy|ria novosti)"
    r"\s?/\s?(?-i:[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3})\)?",
    r"(?:^|[.|/(–—-]\s?)(?:photo|image|picture|photograph|credit|illustration)s?\s?(?:by|:|credit:)\s?(?-i:[A-Z])[^.]{0,80}$",
]
# every CREDIT_MARKERS pattern contains one of these (a fast pre-test; keep the two in step)
CREDIT_HINTS = ("photo", "image", "picture", "credit", "foto", "pic:", "(pic", "pics", "getty", "/", "illustration")
CAPTION_START = [r"(?:photo|image|picture|photograph|illustration|illustrative (?:photo|image)|file photo|foto|pictured)s?(?:\s?:|\sby\b|\s[-–—]\s)",
                 r"(?:illustrative|file|stock|archive) (?:photo|image|picture)s?\.?$", r"photo ?illustration\.?$"]

VIDEO_PHRASES = [r"video ad feedback", r"now playing", r"up next", r"watch(?: the)? video", r"video:", r"watch:",
                 r"video player (?:is )?loading", r"your browser does not support (?:the )?video", r"this video (?:can ?not|is unavailable)",
                 r"video duration", r"duration:?\s?\d", r"play video", r"replay"]

TEMPLATE_WORDS = ["undefined", "null", "nan", "none", "[object object]", "loading...", "loading…", "please wait...",
                  "array", "error", "lorem ipsum"]
