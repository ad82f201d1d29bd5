"""Reader settings: size limits, encoding thresholds, file kinds, export column names.

The whole-file size limit is `settings.pipeline.MAX_FILE_BYTES` (CLI: --max-file-size).
"""

# --- sizes -------------------------------------------------------------------------------------
MAX_ROW_BYTES = 10 * 1024 * 1024  # one JSONL line / CSV row of an export (exports are streamed)
SNIFF_BYTES = 8192  # head of a file looked at for magic numbers, charset declarations, feed roots
STREAM_CHUNK_BYTES = 1024 * 1024  # read/decompress in chunks of this size
CSV_SAMPLE_BYTES = 64 * 1024  # head of a CSV used to pick its encoding and delimiter
CSV_DELIMITERS = ",;\t|"  # candidates; the one most frequent in the header line wins (default ",")

# --- decoding ----------------------------------------------------------------------------------
# Damaged UTF-8 is decoded with U+FFFD replacements only if at most this share of characters
# had to be replaced; above it the file is refused (it is probably not UTF-8 at all, or binary).
MAX_REPLACEMENT_SHARE = 0.01
# A file whose sample has more than this share of control characters (other than tab, newline,
# carriage return, form feed, vertical tab, escape) or NUL bytes is binary, not text.
MAX_CONTROL_SHARE = 0.05
MAX_NUL_SHARE = 0.01
# BOM-less UTF-16: the high byte of the 2-byte units holds the NULs (the low byte at most this
# many times fewer) and takes few values: its UTF16_HIGH_BYTE_VALUES commonest values cover at
# least UTF16_HIGH_BYTE_COVERAGE of the units (one script plus ASCII and punctuation).
UTF16_MAX_LOW_NUL_RATIO = 0.1
UTF16_MIN_UNITS = 4  # shorter inputs are too ambiguous to call UTF-16 without a BOM
UTF16_HIGH_BYTE_VALUES = 4
UTF16_HIGH_BYTE_COVERAGE = 0.9
# Bytes that are not valid UTF-8 are read as damaged UTF-8 (rather than a legacy 8-bit encoding)
# when the valid multi-byte characters number at least this share of the invalid bytes.
MIN_UTF8_EVIDENCE_RATIO = 0.05  # cp1251 Cyrillic has ~0.01 by accident ("Её", "НАТО»")
# Legacy 8-bit text: a word of only Cyrillic letters (decoded as cp1251) is evidence for cp1251;
# a word mixing ASCII letters with decoded non-ASCII letters is evidence for cp1252 (Latin accents).
LEGACY_SAMPLE_BYTES = 64 * 1024  # head of the file the cp1251/cp1252 choice looks at
CYRILLIC_ENCODING = "cp1251"
WESTERN_ENCODING = "cp1252"
# Declared charsets that browsers read as windows-1252 (WHATWG Encoding Standard).
CP1252_ALIASES = frozenset({"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "us-ascii", "ascii", "cp819"})

# --- URLs --------------------------------------------------------------------------------------
URL_TIMEOUT_SECONDS = 20.0  # whole fetch, DNS included (a hung resolver cannot stall a run)
USER_AGENT = "narrascope/0.1 (+https://github.com/narrascope/narrascope)"

# --- file kinds --------------------------------------------------------------------------------
TEXT_EXTENSIONS = (".txt", ".text")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
CSV_EXTENSIONS = (".csv", ".tsv")
JSON_EXTENSIONS = (".json",)
GZIP_EXTENSION = ".gz"

# Files in a folder with these extensions are clearly not articles: skipped without a message.
# Named explicitly on the command line they still get an InputError.
SKIP_EXTENSIONS = frozenset(
    """.png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .svg .heic .avif .psd
    .mp3 .wav .ogg .flac .m4a .aac .mp4 .m4v .mov .avi .mkv .webm .wmv
    .zip .tar .tgz .bz2 .xz .7z .rar .zst
    .pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .epub
    .exe .dll .so .dylib .bin .o .pyc .class .jar .whl .db .sqlite .sqlite3 .parquet .arrow .feather
    .woff .woff2 .ttf .otf .eot .css .js .map .lock
    .yaml .yml .toml .ini .cfg .py .sh""".split()  # configuration beside a corpus (e.g. metonym files)
)
SKIP_NAMES = frozenset({"Thumbs.db", "desktop.ini", "__MACOSX"})
# A folder's own documentation (README.md, LICENSE, CHANGELOG.txt...), whatever its extension, is
# skipped in folders; named explicitly it is read.
SKIP_STEMS = frozenset({"readme", "license", "licence", "copying", "changelog", "notice"})

# Magic numbers: (offset, prefix, what it is). Checked before decoding any text.
MAGIC_NUMBERS = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive or Office document"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"\x1f\x8b", "gzip-compressed data"),
    (0, b"BZh", "bzip2-compressed data"),
    (0, b"\xfd7zXZ\x00", "xz-compressed data"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (0, b"\x7fELF", "executable (ELF)"),
    (0, b"MZ\x90\x00", "Windows executable"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"PAR1", "Parquet file"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg audio/video"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (4, b"ftyp", "MP4/QuickTime video"),
    (8, b"WEBP", "WebP image"),
    (8, b"WAVE", "WAV audio"),
    (8, b"AVI ", "AVI video"),
    (0, b"\x00asm", "WebAssembly binary"),
    (0, b"wOFF", "web font"),
    (0, b"wOF2", "web font"),
)

# --- export columns ----------------------------------------------------------------------------
# Field -> recognised column names (case-insensitive), in order of preference. --map FIELD=COLUMN
# (read_paths(column_map=...)) overrides a field. A row needs text or html; the rest is optional.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "subtitle": ("subtitle", "subheadline", "dek"),
    "url": ("url", "link"),
    "published": ("published", "date", "pub_date", "publish_date", "published_at", "datetime", "date_publish", "date_published"),
    "outlet": ("outlet", "source", "site", "publisher", "sitename", "domain", "source_domain"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
BODY_FIELDS = ("text", "html")
LIST_JOINER = ", "  # a JSON list value (e.g. authors) becomes one string joined by this
