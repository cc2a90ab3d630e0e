#!/usr/bin/env python3
"""Writes the bad-file corpus (bad/*.json, bad/expect.tsv) and the good files
(good/*.json) that internal/workspace/corpus_test.go imports, plus
corpus-setup.gapwise.json, the data the test database holds first.

Run from this folder: python3 gen_corpus.py. Each bad case is one change to
a valid file, with the words the refusal must contain and, where the problem
sits on one line, the line the message must name (found by a marker string).
"""
import copy, json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SAM = "3f6d2a10-7b8c-4d9e-a1f2-0123456789ab"         # a person in the test database
SAM_A = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"       # Sam's SFIA 9 self-assessment there
P1 = "0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90"          # a person the files add
A1 = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

BASE = {
    "format": "gapwise.assessment",
    "format_version": 1,
    "generator": "Gapwise 0.1.0",
    "id": A1,
    "person": {"id": P1, "name": "Corpus Person", "discipline": "nurse", "role": "Chief Nursing Information Officer",
               "organisation": "Example NHS Foundation Trust", "informatics_wte": 0.5},
    "framework": {"id": "sfia", "version": "9"},
    "kind": "self",
    "assessor": "Corpus Person",
    "scope": {"group": "strategy-and-architecture"},
    "created_at": "2025-03-01T09:30:00Z",
    "updated_at": "2025-03-02T10:00:00Z",
    "ratings": [
        {"item": "ITSP", "level": 5, "confidence": 3, "evidence": "Led the trust's digital strategy refresh.", "rated_at": "2025-03-01T09:45:00Z"},
        {"item": "ARCH", "level": 0},
        {"item": "DTAN", "level": 3},
    ],
    "targets": [{"item": "ITSP", "level": 6, "source": "manual"}],
}


def dump(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def enc(s):  # a JSON string literal written with escapes as given
    return s


cases = []  # (name, bytes, marker or None, fragment, where) where: d decoder, w workspace


def add(name, data, marker, fragment, where="d"):
    if isinstance(data, str):
        data = data.encode("utf-8")
    cases.append((name, data, marker, fragment, where))


def mut(name, fn, marker, fragment, where="d"):
    f = copy.deepcopy(BASE)
    fn(f)
    add(name, dump(f), marker, fragment, where)


def textsub(name, old, new, marker, fragment, where="d", count=1):
    s = dump(BASE)
    assert old in s, old
    add(name, s.replace(old, new, count), marker, fragment, where)


def rawsub(name, old, new, marker, fragment, where="d"):
    s = dump(BASE).encode("utf-8")
    assert old in s, old
    add(name, s.replace(old, new, 1), marker, fragment, where)


good = dump(BASE)

# The file as a whole: syntax and encoding.
add("empty", b"", None, "the file is empty")
add("whitespace-only", " \n\t\r\n  ", None, "the file is empty")
add("truncated-half", good[: len(good) // 2], None, "the file ends too early")
add("truncated-last-brace", good.rstrip()[:-1], None, "the file ends too early")
add("trailing-garbage", good + "xyz\n", "xyz", "unexpected data after the end of the JSON object")
add("two-objects", good + "{}\n", "{}", "unexpected data after the end of the JSON object")
textsub("trailing-comma-object", '"informatics_wte": 0.5\n', '"informatics_wte": 0.5,\n', None, "not valid JSON")
textsub("trailing-comma-list", '"source": "manual"\n    }\n', '"source": "manual"\n    },\n', None, "not valid JSON")
textsub("single-quotes", '"kind": "self"', "'kind': 'self'", "'kind'", "not valid JSON")
textsub("comment", '"kind": "self",', '"kind": "self", // a comment', "// a comment", "not valid JSON")
textsub("unquoted-key", '"kind": "self"', 'kind: "self"', 'kind: "self"', "not valid JSON")
textsub("nan-literal", '"informatics_wte": 0.5', '"informatics_wte": NaN', "NaN", "not valid JSON")
textsub("infinity-literal", '"informatics_wte": 0.5', '"informatics_wte": Infinity', "Infinity", "not valid JSON")
textsub("hex-number", '"level": 3', '"level": 0x3', "0x3", "not valid JSON")
textsub("leading-zero", '"level": 3', '"level": 03', '"level": 03', "not valid JSON")
textsub("plus-sign", '"level": 3', '"level": +3', "+3", "not valid JSON")
rawsub("raw-tab-in-string", b'"Corpus Person"', b'"Corpus\tPerson"', b"Corpus\tPerson", "not valid JSON")
rawsub("raw-newline-in-string", b'"Led the trust', b'"Led\nthe trust', None, "not valid JSON")
rawsub("raw-nul", b'"kind": "self"', b'"kind": "self"\x00', None, "not valid JSON")
add("utf16-le-bom", b"\xff\xfe" + good.encode("utf-16-le"), None, "the file is UTF-16 text")
add("utf16-be-bom", b"\xfe\xff" + good.encode("utf-16-be"), None, "the file is UTF-16 text")
add("utf16-le-no-bom", good.encode("utf-16-le"), None, "the file is UTF-16 text")
rawsub("invalid-utf8-byte", b"Corpus Person", b"Corpus\xffPerson", b"Corpus\xffPerson", "the file is not UTF-8 text")
rawsub("overlong-utf8", b"Corpus Person", b"Corpus\xc0\xafPerson", b"Corpus\xc0\xafPerson", "the file is not UTF-8 text")
rawsub("utf8-encoded-surrogate", b"Corpus Person", b"Corpus\xed\xa0\x80Person", b"Corpus\xed\xa0\x80Person", "the file is not UTF-8 text")
rawsub("latin1-text", b"Corpus Person", b"Zo\xeb Person", b"Zo\xeb Person", "the file is not UTF-8 text")
rawsub("cut-utf8-sequence", b"Corpus Person", b"Corpus\xe2\x82", b"Corpus\xe2\x82", "the file is not UTF-8 text")
add("double-bom", "\ufeff\ufeff" + good, None, "not valid JSON")
textsub("nested-too-deep", '"evidence": "Led the trust\'s digital strategy refresh."', '"evidence": ' + "[" * 40 + "]" * 40, '"evidence": [[[', "nested too deeply")
add("nested-20000", "[" * 20000 + "]" * 20000, None, "nested too deeply")
add("top-level-list", "[" + good + "]", None, "not a JSON object")
add("top-level-string", '"gapwise.assessment"\n', None, "not a JSON object")
add("top-level-null", "null\n", None, "not a JSON object")
add("top-level-number", "42\n", None, "not a JSON object")

# Format and version.
mut("format-missing", lambda f: f.pop("format"), None, '"format" is missing')
textsub("format-other", '"gapwise.assessment"', '"gapwise.plan"', '"gapwise.plan"', 'format is "gapwise.plan"')
textsub("format-pack", '"gapwise.assessment"', '"gapwise.pack"', '"gapwise.pack"', "this is a framework pack")
textsub("format-number", '"format": "gapwise.assessment"', '"format": 1', '"format": 1', "format must be")
textsub("format-version-2", '"format_version": 1', '"format_version": 2', '"format_version": 2', "made by a newer Gapwise")
textsub("format-version-0", '"format_version": 1', '"format_version": 0', '"format_version": 0', "format_version 0 is not valid")
textsub("format-version-string", '"format_version": 1', '"format_version": "1"', '"format_version": "1"', "format_version must be a whole number")
textsub("format-version-float", '"format_version": 1', '"format_version": 1.0', '"format_version": 1.0', "format_version must be a whole number")
textsub("format-version-exponent", '"format_version": 1', '"format_version": 1e0', '"format_version": 1e0', "format_version must be a whole number")
textsub("format-version-huge", '"format_version": 1', '"format_version": 99999999999999999999', '"format_version": 9999', "is out of range")
mut("format-version-missing", lambda f: f.pop("format_version"), None, "format_version is missing")

# Top-level fields.
textsub("unknown-field", '"kind": "self",', '"kind": "self",\n  "colour": "blue",', '"colour"', 'unknown field "colour"')
textsub("duplicate-key-kind", '"kind": "self",', '"kind": "self",\n  "kind": "agreed",', '"kind": "agreed"', 'field "kind" appears twice')
textsub("duplicate-key-ratings", '"targets": [', '"ratings": [],\n  "targets": [', '"ratings": [],', 'field "ratings" appears twice')
mut("id-missing", lambda f: f.pop("id"), None, "id is missing")
textsub("id-not-uuid", '"id": "' + A1 + '"', '"id": "assessment-1"', '"assessment-1"', "is not a UUID")
textsub("id-nil-uuid", '"id": "' + A1 + '"', '"id": "00000000-0000-0000-0000-000000000000"', '"id": "00000000', "placeholder UUID")
textsub("id-max-uuid", '"id": "' + A1 + '"', '"id": "ffffffff-ffff-ffff-ffff-ffffffffffff"', '"id": "ffffffff', "placeholder UUID")
textsub("id-number", '"id": "' + A1 + '"', '"id": 7', '"id": 7', "id must be a string")
textsub("id-bad-hex", '"id": "' + A1 + '"', '"id": "7c9e6679-7425-40de-944b-e07fc1f90aeg"', "aeg", "is not a UUID")
mut("person-missing", lambda f: f.pop("person"), None, "person is missing")
mut("person-null", lambda f: f.update(person=None), '"person": null', "person must be an object, not null")
mut("person-list", lambda f: f.update(person=["Corpus Person"]), '"person": [', "person must be an object")
mut("person-id-missing", lambda f: f["person"].pop("id"), None, "person.id is missing")
textsub("person-id-not-uuid", '"id": "' + P1 + '"', '"id": "corpus-person"', '"corpus-person"', "person.id \"corpus-person\" is not a UUID")
mut("person-name-missing", lambda f: f["person"].pop("name"), None, "person.name is missing")
mut("person-name-empty", lambda f: f["person"].update(name=""), '"name": ""', "person.name is empty")
mut("person-name-blank", lambda f: f["person"].update(name="   "), '"name": "   "', "person.name is empty")
mut("person-name-201", lambda f: f["person"].update(name="é" * 201), '"name": "ééé', "person.name is 201 characters long; the limit is 200")
mut("person-name-100k", lambda f: f["person"].update(name="x" * 100000), '"name": "xxx', "person.name is 100000 characters long")
mut("person-name-number", lambda f: f["person"].update(name=42), '"name": 42', "person.name must be a string")
mut("discipline-unknown", lambda f: f["person"].update(discipline="surgeon"), '"surgeon"', 'person.discipline "surgeon" is not one of')
mut("discipline-case", lambda f: f["person"].update(discipline="Nurse"), '"Nurse"', 'person.discipline "Nurse" is not one of')
mut("wte-negative", lambda f: f["person"].update(informatics_wte=-0.5), '"informatics_wte": -0.5', "is out of range (0 to 2)")
mut("wte-too-big", lambda f: f["person"].update(informatics_wte=3), '"informatics_wte": 3', "is out of range (0 to 2)")
mut("wte-string", lambda f: f["person"].update(informatics_wte="0.5"), '"informatics_wte": "0.5"', "person.informatics_wte must be a number")
textsub("wte-1e400", '"informatics_wte": 0.5', '"informatics_wte": 1e400', "1e400", "is out of range (0 to 2)")
textsub("person-unknown-field", '"discipline": "nurse",', '"discipline": "nurse",\n    "grade": "8a",', '"grade"', 'unknown field "grade" in person')
textsub("person-duplicate-name", '"discipline": "nurse",', '"discipline": "nurse",\n    "name": "Mallory Other",', '"Mallory Other"', 'field "name" appears twice in person')
mut("framework-missing", lambda f: f.pop("framework"), None, "framework is missing")
mut("framework-version-unknown", lambda f: f["framework"].update(version="10"), '"framework": {', "framework version sfia@10 is not installed")
mut("framework-unknown", lambda f: f["framework"].update(id="itil"), '"framework": {', "framework version itil@9 is not installed")
mut("framework-version-number", lambda f: f["framework"].update(version=9), '"version": 9', "framework.version must be a string")
mut("framework-as-string", lambda f: f.update(framework="sfia@9"), '"framework": "sfia@9"', "framework must be an object")
mut("kind-unknown", lambda f: f.update(kind="peer"), '"kind": "peer"', 'kind "peer" is not one of self, appraiser or agreed')
mut("kind-missing", lambda f: f.pop("kind"), None, "kind is missing")
mut("kind-number", lambda f: f.update(kind=1), '"kind": 1', "kind must be a string")
mut("appraiser-without-assessor", lambda f: f.update(kind="appraiser", assessor=""), '"assessor": ""', "an appraiser assessment must say who gave the ratings")
mut("assessor-too-long", lambda f: f.update(assessor="a" * 201), '"assessor": "aaa', "assessor is 201 characters long")
mut("assessor-null", lambda f: f.update(assessor=None), '"assessor": null', "assessor must be a string, not null")
mut("created-not-rfc3339", lambda f: f.update(created_at="01/03/2025 09:30"), '"created_at"', "is not an RFC 3339 date and time")
mut("created-no-zone", lambda f: f.update(created_at="2025-03-01T09:30:00"), '"created_at"', "is not an RFC 3339 date and time")
mut("created-30-february", lambda f: f.update(created_at="2025-02-30T09:30:00Z"), '"created_at"', "is not an RFC 3339 date and time")
mut("created-1970", lambda f: f.update(created_at="1970-01-01T00:00:00Z"), '"created_at"', "is not a plausible date")
mut("created-2205", lambda f: f.update(created_at="2205-03-01T09:30:00Z", updated_at="2205-03-02T10:00:00Z"), '"created_at"', "is not a plausible date")
mut("created-offset-24h", lambda f: f.update(created_at="2025-03-01T09:30:00+24:00"), '"created_at"', "is not an RFC 3339 date and time")
mut("created-lower-t", lambda f: f.update(created_at="2025-03-01t09:30:00Z"), '"created_at"', "is not an RFC 3339 date and time")
mut("created-number", lambda f: f.update(created_at=1740821400), '"created_at"', "created_at must be a string")
mut("updated-before-created", lambda f: f.update(updated_at="2025-02-01T10:00:00Z"), '"updated_at"', "is before created_at")
mut("updated-missing", lambda f: f.pop("updated_at"), None, "updated_at is missing")
mut("updated-in-future", lambda f: f.update(updated_at="2099-12-31T10:00:00Z"), None, "in the future", "w")

# Ratings.
mut("ratings-missing", lambda f: f.pop("ratings"), None, "ratings is missing")
mut("ratings-object", lambda f: f.update(ratings={"ITSP": 5}), '"ratings": {', "ratings must be a list")
mut("ratings-null", lambda f: f.update(ratings=None), '"ratings": null', "ratings must be a list, not null")
mut("rating-unknown-item", lambda f: f["ratings"][2].update(item="ZZZZ"), '"ZZZZ"', 'item "ZZZZ" is not in sfia@9')
mut("rating-item-of-ddat", lambda f: f["ratings"][2].update(item="accessibility"), '"accessibility"', 'item "accessibility" is not in sfia@9')
mut("rating-item-case", lambda f: f["ratings"][2].update(item="dtan"), '"dtan"', 'item "dtan" is not in sfia@9')
mut("rating-item-empty", lambda f: f["ratings"][2].update(item=""), '"item": ""', "item is empty")
mut("rating-item-null", lambda f: f["ratings"][2].update(item=None), '"item": null', "item must be a string")
mut("sfia-level-not-defined", lambda f: f["ratings"][0].update(level=1), '"level": 1', "level 1 is not defined for ITSP in sfia@9")
mut("sfia8-level-not-defined", lambda f: (f["framework"].update(version="8"), f["ratings"][0].update(level=4), f.pop("scope")), '"level": 4', "level 4 is not defined for ITSP in sfia@8")
mut("level-8", lambda f: f["ratings"][0].update(level=8), '"level": 8', "level 8 is not defined for ITSP")
mut("level-negative", lambda f: f["ratings"][0].update(level=-1), '"level": -1', "level -1 is not defined for ITSP")
mut("level-fraction", lambda f: f["ratings"][0].update(level=2.5), '"level": 2.5', "level must be a whole number")
mut("level-string", lambda f: f["ratings"][0].update(level="5"), '"level": "5"', "level must be a whole number")
mut("level-null", lambda f: f["ratings"][0].update(level=None), '"level": null', "level must be a whole number, not null")
mut("level-missing", lambda f: f["ratings"][2].pop("level"), None, "level is missing")
textsub("level-exponent", '"level": 3', '"level": 1e3', "1e3", "level must be a whole number")
textsub("level-huge", '"level": 3', '"level": 99999999999999999999', "9999", "is out of range")
mut("level-bool", lambda f: f["ratings"][0].update(level=True), '"level": true', "level must be a whole number, not true")
mut("confidence-9", lambda f: f["ratings"][0].update(confidence=9), '"confidence": 9', "confidence 9 is out of range")
mut("confidence-negative", lambda f: f["ratings"][0].update(confidence=-1), '"confidence": -1', "confidence -1 is out of range")
mut("confidence-fraction", lambda f: f["ratings"][0].update(confidence=2.5), '"confidence": 2.5', "confidence must be a whole number")
mut("confidence-string", lambda f: f["ratings"][0].update(confidence="high"), '"confidence": "high"', "confidence must be a whole number")
mut("duplicate-item", lambda f: f["ratings"].append({"item": "ITSP", "level": 6}), '"item": "ITSP",\n      "level": 6', "item \"ITSP\" is rated twice")
textsub("rating-unknown-field", '"item": "DTAN",', '"item": "DTAN",\n      "score": 3,', '"score"', 'unknown field "score"')
mut("rating-not-object", lambda f: f["ratings"].append(5), None, "must be an object, not the number 5")
textsub("rating-duplicate-level", '"level": 3', '"level": 3,\n      "level": 4', '"level": 4', 'field "level" appears twice')
mut("evidence-10001", lambda f: f["ratings"][0].update(evidence="e" * 10001), '"evidence": "eee', "evidence is 10001 characters long; the limit is 10000")
mut("evidence-number", lambda f: f["ratings"][0].update(evidence=5), '"evidence": 5', "evidence must be a string")
textsub("evidence-nul", "Led the trust", "Led\\u0000 the trust", "Led\\u0000", "evidence holds a NUL character")
textsub("evidence-override", "Led the trust", "Led\\u202e the trust", "Led\\u202e", "evidence holds a bidirectional override")
textsub("evidence-lone-surrogate", "Led the trust", "Led\\ud83d the trust", "Led\\ud83d", "\\ud83d is half of a UTF-16 surrogate pair")
mut("rated-at-invalid", lambda f: f["ratings"][0].update(rated_at="yesterday"), '"rated_at"', "is not an RFC 3339 date and time")
mut("rated-at-in-future", lambda f: f["ratings"][0].update(rated_at="2099-06-01T10:00:00Z"), None, "ITSP was rated on 1 Jun 2099, in the future", "w")
mut("rated-at-1970", lambda f: f["ratings"][0].update(rated_at="1970-01-01T00:00:00Z"), '"rated_at"', "is not a plausible date")

# Targets.
mut("target-level-0", lambda f: f["targets"][0].update(level=0), '"level": 0,\n      "source"', "target level 0 is not defined")
mut("target-level-not-defined", lambda f: f["targets"][0].update(level=3), '"level": 3,\n      "source"', "target level 3 is not defined for ITSP")
mut("target-duplicate", lambda f: f["targets"].append({"item": "ITSP", "level": 7, "source": "manual"}), '"item": "ITSP",\n      "level": 7', "item \"ITSP\" has two targets")
mut("target-source-missing", lambda f: f["targets"][0].pop("source"), None, "source is missing")
mut("target-unknown-item", lambda f: f["targets"][0].update(item="QQQQ"), '"QQQQ"', 'item "QQQQ" is not in sfia@9')
mut("targets-object", lambda f: f.update(targets={}), '"targets": {', "targets must be a list")

# Scope.
mut("scope-group-unknown", lambda f: f["scope"].update(group="no-such-group"), '"no-such-group"', 'scope.group "no-such-group" is not a group of sfia@9')
mut("scope-role-level-unknown", lambda f: f["scope"].update(role_level="no/such/level"), '"no/such/level"', 'scope.role_level "no/such/level" is not a role level')
textsub("scope-unknown-field", '"group": "strategy-and-architecture"', '"group": "strategy-and-architecture", "team": "x"', '"team"', 'unknown field "team" in scope')
mut("scope-string", lambda f: f.update(scope="all"), '"scope": "all"', "scope must be an object")

# Hidden and reordering characters, and broken escapes.
NAME = '"name": "Corpus Person"'
def name_case(slug, literal, frag):
    textsub(slug, NAME, '"name": "' + literal + '"', '"name": "' + literal[:4], frag)
name_case("name-zwsp-escape", "Corpus\\u200bPerson", 'person.name holds an invisible zero-width space (U+200B) after "Corpus"')
textsub("name-zwsp-raw", NAME, '"name": "Corpus\u200bPerson"', '"name": "Corp', "zero-width space (U+200B)")
name_case("name-zwnj-latin", "Corpus\\u200cPerson", "zero-width non-joiner (U+200C)")
name_case("name-zwj-latin", "Corpus\\u200dPerson", "zero-width joiner (U+200D)")
name_case("name-word-joiner", "Corpus\\u2060Person", "word joiner (U+2060)")
name_case("name-bom-inside", "Corpus\\ufeffPerson", "byte-order mark (U+FEFF)")
name_case("name-rlo", "Corpus \\u202enosreP", "bidirectional override")
name_case("name-lro", "\\u202dCorpus Person", "bidirectional override")
name_case("name-lre", "\\u202aCorpus Person", "U+202A")
name_case("name-rle", "Corpus\\u202b Person", "U+202B")
name_case("name-pdf", "Corpus Person\\u202c", "U+202C")
name_case("name-lri", "Corpus\\u2066 Person", "U+2066")
name_case("name-rli", "Corpus\\u2067 Person", "U+2067")
name_case("name-fsi", "Corpus\\u2068 Person", "U+2068")
name_case("name-pdi", "Corpus Person\\u2069", "U+2069")
name_case("name-lrm", "Corpus\\u200e Person", "U+200E")
name_case("name-rlm", "Corpus\\u200f Person", "U+200F")
name_case("name-alm", "Corpus\\u061c Person", "U+061C")
name_case("name-soft-hyphen", "Cor\\u00adpus Person", "soft hyphen (U+00AD)")
name_case("name-bell", "Corpus\\u0007Person", "control character (U+0007)")
name_case("name-newline", "Corpus\\nPerson", "line break (U+000A)")
name_case("name-c1-nel", "Corpus\\u0085Person", "U+0085")
name_case("name-line-separator", "Corpus\\u2028Person", "line break (U+2028)")
name_case("name-nul", "Corpus\\u0000Person", "NUL character (U+0000)")
name_case("name-tag-character", "Corpus Person\\udb40\\udc41", "U+E0041")
name_case("name-noncharacter", "Corpus\\uffffPerson", "noncharacter (U+FFFF)")
name_case("name-only-zwsp", "\\u200b", "zero-width space (U+200B)")
name_case("name-hangul-filler", "Corpus\\u3164Person", "U+3164")
name_case("name-cyrillic-homoglyph", "C\u043erpus Person", "a letter of another alphabet in the same word")
name_case("name-greek-homoglyph", "Corpus P\u03b5rson", "a letter of another alphabet in the same word")
name_case("name-combining-flood", "Co" + "\u0301" * 30 + "rpus", "a pile of combining marks")
name_case("name-variation-selector", "Corpus\ufe0fPerson", "variation selector (U+FE0F)")
name_case("name-private-use", "Corpus\ue000Person", "private-use character (U+E000)")
name_case("name-combining-grapheme-joiner", "Corpus\u034fPerson", "U+034F")
name_case("name-mongolian-vowel-separator", "Corpus\u180ePerson", "U+180E")
name_case("name-invisible-times", "Corpus\u2062Person", "U+2062")
name_case("name-lone-high-surrogate", "Corpus\\ud800Person", "\\ud800 is half of a UTF-16 surrogate pair")
name_case("name-lone-low-surrogate", "Corpus\\udc00Person", "\\udc00 is half of a UTF-16 surrogate pair")
name_case("name-reversed-surrogates", "Corpus\\udc00\\ud800", "\\udc00 is half of a UTF-16 surrogate pair")
name_case("name-surrogate-then-letter", "Corpus\\ud800\\u0041", "\\ud800 is half of a UTF-16 surrogate pair")
name_case("name-surrogate-at-end", "Corpus Person\\uD834", "\\uD834 is half of a UTF-16 surrogate pair")
textsub("key-lone-surrogate", '"kind": "self",', '"kind": "self",\n  "\\ud800": 1,', '"\\ud800"', "\\ud800 is half of a UTF-16 surrogate pair")
textsub("role-override", '"role": "Chief', '"role": "\\u202eChief', '"role"', "person.role holds a bidirectional override")
textsub("organisation-zwsp", '"organisation": "Example', '"organisation": "Example\\u200b', '"organisation"', "person.organisation holds an invisible zero-width space")
mut("assessor-zwsp", lambda f: f.update(kind="appraiser", assessor="Dr A\u200b Appraiser"), '"assessor"', "assessor holds an invisible zero-width space")
textsub("source-isolate", '"source": "manual"', '"source": "man\\u2066ual"', '"source"', "source holds a bidirectional control")

# Files that decode but would impersonate someone or clash with what is
# stored: refused by the workspace.
def spoof(f, name, disc):
    f["person"].update(id=SAM, name=name, discipline=disc)
    f["assessor"] = name
mut("spoof-other-name-and-discipline", lambda f: spoof(f, "Mallory Other", "pharmacist"), None,
    'this file says person ' + SAM + ' is "Mallory Other" (pharmacist), but in this database ' + SAM + ' is "Sam Jones" (nurse)', "w")
mut("spoof-other-discipline", lambda f: spoof(f, "Sam Jones", "doctor"), None, 'is "Sam Jones" (doctor), but in this database', "w")
mut("spoof-near-name", lambda f: spoof(f, "Sam Jone", "nurse"), None, 'is "Sam Jone" (nurse), but in this database', "w")
mut("spoof-upper-case-uuid", lambda f: (spoof(f, "Mallory Other", "nurse"), f["person"].update(id=SAM.upper())), None, '"Mallory Other" (nurse)', "w")
mut("spoof-urn-uuid", lambda f: (spoof(f, "Mallory Other", "nurse"), f["person"].update(id="urn:uuid:" + SAM)), None, '"Mallory Other" (nurse)', "w")
mut("spoof-zero-width-name", lambda f: spoof(f, "Sam\u200bJones", "nurse"), '"name": "Sam', "zero-width space")
mut("existing-assessment-other-person", lambda f: f.update(id=SAM_A), None, "already exists for another person or framework version", "w")
mut("existing-assessment-other-version", lambda f: (f.update(id=SAM_A), f["person"].update(id=SAM, name="Sam Jones"), f.update(assessor="Sam Jones"), f["framework"].update(version="8"), f.pop("scope"), f["ratings"].pop(0), f["targets"].clear()), None, "already exists for another person or framework version", "w")
mut("existing-assessment-new-kind", lambda f: (f.update(id=SAM_A, kind="agreed", assessor="Sam Jones and Dr A", updated_at="2025-06-01T10:00:00Z"), f["person"].update(id=SAM, name="Sam Jones")), None, "a file cannot turn it into a agreed one", "w")

# The valid files: each must be accepted.
goods = {}
goods["base"] = good
goods["bom"] = "\ufeff" + good
goods["crlf"] = good.replace("\n", "\r\n")
g = copy.deepcopy(BASE); g.pop("generator"); g.pop("targets"); g.pop("scope"); g["ratings"] = []; g["id"] = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
goods["minimal"] = dump(g)
g = copy.deepcopy(BASE); g["id"] = "2b4e28ba-2fa1-41d2-883f-0016d3cca427"
g["person"].update(id="8f14e45f-ceea-467f-a8f3-7b5b0b3a4d21", name="سارا می\u200cخواهد", discipline="pharmacist"); g["assessor"] = ""
goods["persian-name-with-joiner"] = dump(g)
g = copy.deepcopy(BASE); g["id"] = "3b4e28ba-2fa1-41d2-883f-0016d3cca427"
g["person"].update(id="{C9BF9E57-1685-4C89-BAFB-FF5AF830BE8A}", name="Siân Ní Bhriain-Llŷr")
g["id"] = "urn:uuid:3B4E28BA-2FA1-41D2-883F-0016D3CCA427"; g["assessor"] = "Siân Ní Bhriain-Llŷr"
goods["welsh-name-uuid-forms"] = dump(g)
g = copy.deepcopy(BASE); g["id"] = "4b4e28ba-2fa1-41d2-883f-0016d3cca427"
g["ratings"][0]["evidence"] = "Ran the audit \U0001F469\u200d\u2695\ufe0f \u200e(العربية)\u200f; line one\nline two\twith a tab"
g["ratings"][1]["confidence"] = None
goods["free-text-marks-and-emoji"] = dump(g)
goods["escaped-surrogate-pair"] = good.replace("Led the trust", "Led \\ud83d\\ude00 the trust")
g = copy.deepcopy(BASE); g["id"] = "5b4e28ba-2fa1-41d2-883f-0016d3cca427"
g["person"].update(id=SAM, name="  sam  JONES ", discipline="nurse", role="A new role"); g["assessor"] = ""
goods["sam-trivially-different"] = dump(g)
g = copy.deepcopy(BASE); g["id"] = "6b4e28ba-2fa1-41d2-883f-0016d3cca427"; g["framework"] = {"id": "ddat", "version": "2025-q3"}
g.pop("scope"); g["ratings"] = [{"item": "accessibility", "level": 2}, {"item": "agile-and-lean-practices", "level": 0}]; g["targets"] = [{"item": "accessibility", "level": 3, "source": "manual"}]
goods["ddat"] = dump(g)
g = copy.deepcopy(BASE); g["id"] = "7b4e28ba-2fa1-41d2-883f-0016d3cca427"; g["framework"] = {"id": "fci", "version": "2020-provisional"}
g.pop("scope"); g["ratings"] = [{"item": "1.1", "level": 0}, {"item": "1.2", "level": 4, "confidence": 5}]; g["targets"] = []
goods["fci"] = dump(g)

setup = copy.deepcopy(BASE)
setup.update(id=SAM_A, assessor="Sam Jones")
setup["person"].update(id=SAM, name="Sam Jones", discipline="nurse", role="Ward sister")
setup.pop("scope")

# Write everything afresh.
for sub in ("bad", "good"):
    shutil.rmtree(os.path.join(HERE, sub), ignore_errors=True)
    os.makedirs(os.path.join(HERE, sub))
with open(os.path.join(HERE, "corpus-setup.gapwise.json"), "w", encoding="utf-8") as fh:
    fh.write(dump(setup))
names = set()
rows = []
for name, data, marker, fragment, where in cases:
    assert name not in names, name
    names.add(name)
    line = 0
    if marker is not None:
        m = marker.encode("utf-8") if isinstance(marker, str) else marker
        at = data.find(m)
        assert at >= 0, (name, marker)
        line = data[:at].count(b"\n") + 1
    with open(os.path.join(HERE, "bad", name + ".json"), "wb") as fh:
        fh.write(data)
    rows.append("\t".join([name + ".json", where, str(line), fragment]))
with open(os.path.join(HERE, "bad", "expect.tsv"), "w", encoding="utf-8") as fh:
    fh.write("# file\twho refuses it (d: the decoder, w: the workspace)\tline the message names (0: none)\twords the message contains\n")
    fh.write("\n".join(rows) + "\n")
for name, text in goods.items():
    with open(os.path.join(HERE, "good", name + ".gapwise.json"), "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
print(len(cases), "bad files,", len(goods), "good files")
