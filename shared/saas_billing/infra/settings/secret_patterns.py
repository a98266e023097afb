"""Does a secret look made by a person (words, keyboard walks, repeats, encoded text) rather than generated?

Every threshold keeps a generated secret's chance of tripping it below about one in ten million, while a
person's phrase trips it outright. Some word of the list turns up in roughly one random 43-character
token in 600, so words must cover a share of the secret, not merely occur in it. The tests run 20,000
generated secrets of each kind through these checks (tests/unit/test_secret_patterns.py).
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

# Words of placeholders, of deployment talk and of the settings' own names, matched case-insensitively.
# At least 4 letters: 3-letter ones ("dev", "key") turn up in random tokens too often to mean anything.
WORDS = frozenset((
    "access", "admin", "apple", "asdf", "auth", "backend", "base", "bill", "billing", "blah", "change",
    "changeme", "config", "copy", "cred", "creds", "default", "demo", "deploy", "deployment", "develop",
    "development", "dont", "dragon", "dummy", "empty", "endpoint", "enough", "example", "fake", "fill",
    "filler", "first", "generate", "generated", "goes", "going", "guest", "hash", "hello", "here", "hmac",
    "hook", "http", "https", "insecure", "invalid", "ipsum", "keys", "letmein", "live", "local",
    "localhost", "login", "long", "lorem", "make", "master", "mine", "mock", "monkey", "must", "never",
    "nothing", "notreal", "only", "pass", "passphrase", "passwd", "password", "paste", "phrase",
    "placeholder", "please", "private", "prod", "production", "prototype", "qwerty", "random", "real",
    "really", "replace", "root", "sample", "secret", "secure", "server", "service", "setting", "settings",
    "shared", "sign", "signature", "signing", "simple", "some", "stage", "staging", "string", "stripe",
    "strong", "stuff", "super", "sure", "temp", "test", "testing", "text", "thing", "this", "todo", "token",
    "trial", "unsafe", "unused", "update", "user", "value", "verify", "very", "webhook", "welcome", "whsec",
    "with", "word", "words", "write", "wrong", "your", "zxcv",
))  # fmt: skip
# A lookahead finds every word at every position, overlapping ones included, in one scan.
WORD = re.compile("(?=(" + "|".join(sorted(WORDS, key=len, reverse=True)) + "))")
# Share of the characters inside dictionary words from which a secret is a phrase: three 4-letter words
# in a 40-character secret. Random tokens stay under 0.2.
MAX_WORD_SHARE = 0.3
# Keyboard rows and the alphabet, either way round, long enough that generated secrets practically never
# contain one (roughly once in 10^9 for an 8-letter walk in a 43-character token, or a 10-digit one in
# token_hex; an 8-digit run turned up in one test's 20,000 token_hex samples).
LETTER_WALKS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz")
MIN_LETTER_WALK = 8
DIGIT_WALKS = ("01234567890",)
MIN_DIGIT_WALK = 10
WALK = re.compile(
    "|".join(
        run[start : start + length]
        for walks, length in ((LETTER_WALKS, MIN_LETTER_WALK), (DIGIT_WALKS, MIN_DIGIT_WALK))
        for walk in walks
        for run in (walk, walk[::-1])
        for start in range(len(run) - length + 1)
    )
)
# Bytes that deflate with fixed codes saves: only repeated substrings save anything (a small alphabet,
# like hex, does not), and random tokens save at most a few bytes.
MIN_REPEAT_SAVING = 8
REPEAT_SAVING_SHARE = 1 / 8
# Base64 of text decodes to printable ASCII; random bytes are printable only 37% of the time.
MAX_PRINTABLE_SHARE = 0.9
MIN_DECODED_LENGTH = 12


def human_pattern(value: str) -> str | None:
    """What makes `value` look chosen by a person, or None."""
    if _word_share(value) >= MAX_WORD_SHARE:
        return "is made of words"
    if WALK.search(value.lower()):
        return "contains a keyboard or alphabet sequence"
    if _repeats(value.encode()):
        return "repeats itself"
    decoded = _base64_decoded(value)
    if decoded is not None and (_printable_share(decoded) >= MAX_PRINTABLE_SHARE or _repeats(decoded)):
        return "is base64 of text or of a repeated pattern"
    return None


def _word_share(value: str) -> float:
    """Share of characters inside some dictionary word; overlapping words count once."""
    covered: set[int] = set()
    for match in WORD.finditer(value.lower()):
        covered.update(range(match.start(), match.start() + len(match.group(1))))
    return len(covered) / len(value)


def _repeats(data: bytes) -> bool:
    # Raw deflate with fixed codes; a 512-byte window (wbits 9) is far longer than any secret, and cheap.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -9, 1, zlib.Z_FIXED)
    saving = len(data) - len(compressor.compress(data) + compressor.flush())
    return saving >= max(MIN_REPEAT_SAVING, len(data) * REPEAT_SAVING_SHARE)


def _base64_decoded(value: str) -> bytes | None:
    """The bytes `value` encodes when it is base64 (either alphabet) of at least MIN_DECODED_LENGTH."""
    text = value.rstrip("=").replace("-", "+").replace("_", "/")
    if len(text) < MIN_DECODED_LENGTH * 4 / 3 or len(text) % 4 == 1:
        return None
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        return None


def _printable_share(data: bytes) -> float:
    return sum(32 <= byte < 127 for byte in data) / len(data)
