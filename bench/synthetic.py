"""Synthetic documents in the Wilson Center Digital Archive's export layout, for benches.

``generate(n, seed)`` yields ``(file name, text)`` pairs: cables, telegrams, memoranda of
conversation, reports, journals, letters and minutes, dated 1945-1991, translated from
Russian, Chinese, German, Polish, Hungarian, Vietnamese, Korean and other languages. They
vary as the real exports do (tests/test_synthetic.py compares them with ../shared/samples):

- the header: a date line (``**April 25, 1962**``, ``**April 1962**`` or none), a title,
  then some of Citation (with its URL line), Summary, Credits, Original Language, Source,
  Keywords and Contents (with or without its ``Translation - English`` item), compact or
  spaced (a blank line between all lines);
- the length: most bodies of 500 to 3,000 characters, some of a few lines, a tail of long
  reports up to about 40,000;
- the brackets, in about the proportions the real bodies show (brackets.tsv): mostly words
  the translator supplied (``[to]``), then identifications (``the ambassador [Name]``),
  omissions (``[...]``), endnotes (``word[1]`` with ``[1] text`` at the end), handwriting
  and stamps (over several lines), other spellings (``Kharbin [Harbin]``), remarks
  (``[Translator's note: ...]``), expansions (``Dep[artment]``), signatures, illegible
  passages, uncertain readings (``word [?]``, ``[[A. B. Name?]]``), original wording.

Everything is made from the invented vocabulary below (names are built from syllables, the
archive references from patterns), so nothing of the real documents is copied. Each
document is made by its own ``random.Random(f"{seed}:{i}")``: the same seed gives the same
bytes, ``generate(100, s)`` is the first hundred of ``generate(1000, s)``, and the ids
(the Citation's document number, which is also the file name) are unique and increasing.

The command makes an edition project (tei_edition.project.init_project) and fills its
``sources/``; from the repository root::

    python bench/synthetic.py OUT_DIR -n 10000 --seed 1
    python bench/synthetic.py OUT_DIR -n 10000 --register 2000   # and registers/

With ``--register N`` the project gets ``registers/persons.xml`` and ``places.xml``: the N
persons and N/4 places named in most documents, so that the build links and makes register
pages (bench/build_scale.py ``--register``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MONTHS = ("January February March April May June July August September October November "
          "December").split()
ROMAN = "I II III IV V VI VII VIII IX X XI XII".split()

# ------------------------------------------------------------------------- languages


class Language:
    """How one original language's people, places and archives are named (invented)."""

    def __init__(self, name: str, nation: str, country: str, weight: int,
                 family: tuple[str, ...], first: tuple[str, ...], parts: tuple[str, ...],
                 endings: tuple[str, ...], archives: tuple[str, ...],
                 words: tuple[str, ...]):
        self.name, self.nation, self.country, self.weight = name, nation, country, weight
        self.family, self.first, self.parts, self.endings = family, first, parts, endings
        self.archives = archives
        self.words = words  # original-language words for [original wording] brackets

    def surname(self, rng: random.Random) -> str:
        if self.family:
            return rng.choice(self.family)
        return (rng.choice(self.parts) + rng.choice(self.endings)).capitalize()

    def person(self, rng: random.Random) -> str:
        """A full name: given name and surname in the order the language uses."""
        if self.name == "Chinese":
            given = rng.choice(self.first) + rng.choice(self.parts)
            return f"{self.surname(rng)} {given.capitalize()}"
        if self.name == "Korean":
            return f"{self.surname(rng)} {rng.choice(self.first)}-{rng.choice(self.parts)}"
        if self.name == "Vietnamese":
            return (f"{self.surname(rng)} {rng.choice(self.first)} "
                    f"{rng.choice(self.parts).capitalize()}")
        if self.name == "Mongolian":
            return f"{rng.choice(self.first)}. {self.surname(rng)}"
        if self.name == "Russian" and rng.random() < 0.5:
            return f"{rng.choice(self.first)[0]}. {rng.choice(self.first)[0]}. " \
                   f"{self.surname(rng)}"
        return f"{rng.choice(self.first)} {self.surname(rng)}"

    def place(self, rng: random.Random) -> str:
        stem = rng.choice(self.parts) + rng.choice(self.parts)
        return stem.capitalize() + rng.choice(("", "", "", "ov", "an", "grad", "shan", "ice"))


LANGUAGES = (
    Language("Russian", "Soviet", "the Soviet Union", 34, (),
             ("Andrei", "Boris", "Vasily", "Grigory", "Dmitry", "Yevgeny", "Ivan", "Konstantin",
              "Leonid", "Mikhail", "Nikolai", "Pavel", "Sergei", "Fyodor", "Yuri", "Oleg"),
             ("bel", "vor", "kras", "mel", "gor", "ton", "pus", "dar", "shel", "kov", "lev",
              "mir", "zar", "rud", "sok", "tash", "ver", "dub", "kal", "nov"),
             ("ov", "ev", "in", "enko", "sky", "ikov", "anov", "itsyn", "yshev"),
             ("AVPRF, f. {a}, op. {b}, p. {c}, d. {d}, ll. {e}-{f}",
              "RGANI, fond {a}, opis {b}, delo {c}, listy {e}-{f}",
              "APRF, Fond {a}, Opis {b}, Delo {c}, List {e}"),
             ("sorvat'", "uklonyat'sya", "nastupleniye", "razryadka", "druzhba", "soveshchaniye")),
    Language("Chinese", "Chinese", "China", 20,
             ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
              "Xu", "Sun", "Ma", "Hu", "Guo", "Lin", "He", "Gao", "Luo", "Zheng"),
             ("xiao", "jian", "hong", "wei", "ming", "guo", "hua", "de", "zhi", "yong", "qing",
              "bao", "chun", "rong"),
             ("lin", "feng", "tao", "sheng", "ping", "hai", "shan", "qiang", "jun", "an",
              "wen", "yu", "xin", "zhou", "hui", "nan"),
             (),
             ("PRC FMA {a}-{b:05d}-{c:02d}, {e}-{f}", "PRC FMA {a}-{b:05d}-{c:02d}, {e}"),
             ("qunzhong", "fandong", "tuanjie", "zhengfeng", "neibu", "lianluo")),
    Language("German", "East German", "the GDR", 8, (),
             ("Werner", "Horst", "Klaus", "Gerhard", "Heinz", "Kurt", "Manfred", "Dieter",
              "Erich", "Günter", "Helmut", "Jürgen"),
             ("brenn", "hof", "stein", "wald", "berg", "schmitt", "feld", "kamm", "loh", "rit"),
             ("er", "mann", "ler", "ke", "hardt", "inger", ""),
             ("SAPMO-BArch, DY {a}/{b}, Bl. {e}-{f}", "PA AA, MfAA, C {a}/{b}, {e}-{f}"),
             ("Abgrenzung", "Zusammenarbeit", "Klassenfeind", "Stellungnahme")),
    Language("Polish", "Polish", "Poland", 7, (),
             ("Jerzy", "Tadeusz", "Stanisław", "Zbigniew", "Władysław", "Józef", "Andrzej",
              "Czesław", "Bolesław", "Marian"),
             ("kowal", "now", "wiś", "zieliń", "lewan", "dąbr", "grab", "jasz", "krzyż", "sob"),
             ("ski", "ak", "czyk", "ewicz", "owski", "ec"),
             ("AMSZ, Warsaw, {a}/{b}, {c}: w-{d}, t-{e}", "AAN, KC PZPR, {a}/{b}, k. {e}-{f}"),
             ("odprężenie", "narada", "porozumienie", "wytyczne")),
    Language("Hungarian", "Hungarian", "Hungary", 7, (),
             ("László", "István", "János", "Ferenc", "Sándor", "Gyula", "Imre", "Béla",
              "Károly", "Zoltán"),
             ("kov", "szabó", "tót", "horv", "var", "kis", "mol", "fehér", "bal", "rác"),
             ("ács", "i", "ai", "ényi", "os", "ó", "ássy"),
             ("MNL OL XIX-J-1-j, {c}, {d}. doboz, {a}-{b}, {e:05d}",
              "MNL OL M-KS 288. f. {a}/{b}. ő.e., {e}"),
             ("enyhülés", "tárgyalás", "együttműködés", "határozat")),
    Language("Vietnamese", "Vietnamese", "Vietnam", 5,
             ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"),
             ("Van", "Thi", "Duc", "Minh", "Huu", "Quang", "Xuan", "Ba"),
             ("thanh", "hung", "long", "son", "binh", "hai", "tuan", "khanh", "lam", "phuc"),
             (),
             ("VNA, Phong Phu Thu Tuong, {a}/{b}, {e}", "VNA III, {a}, file {b}, {e}-{f}"),
             ("doan ket", "khang chien", "hoa binh", "chi thi")),
    Language("Korean", "Korean", "the DPRK", 5,
             ("Kim", "Pak", "Ri", "Choe", "Han", "Jang", "Kang", "O", "Jong", "Ho"),
             ("Chol", "Yong", "Song", "Hyon", "Chang", "Myong", "Gil", "Tae"),
             ("su", "ho", "min", "jun", "gu", "sik", "il", "hwan", "nam", "bok"),
             (),
             ("AVPRF, f. 0102, op. {b}, p. {c}, d. {d}, ll. {e}-{f}",
              "Archive of the ROK MFA, D-{a}-{b}, {e}"),
             ("juche", "chollima", "tongil", "jaju")),
    Language("Czech", "Czechoslovak", "Czechoslovakia", 4, (),
             ("Václav", "Jiří", "Josef", "Miroslav", "Karel", "Vladimír", "Antonín", "Zdeněk"),
             ("dvoř", "novot", "svob", "čern", "krej", "hor", "proch", "kuč"),
             ("ák", "ný", "oda", "ek", "ík", "ka"),
             ("NA, KSČ-ÚV-{a}, sv. {b}, a.j. {c}", "AMZV, TO-T {a}, kr. {b}, {e}"),
             ("normalizace", "porada", "usnesení")),
    Language("Bulgarian", "Bulgarian", "Bulgaria", 3, (),
             ("Todor", "Petar", "Dimitar", "Georgi", "Stoyan", "Ivan", "Lyubomir"),
             ("pet", "dim", "ston", "kol", "mar", "vel", "rad"),
             ("ov", "ev", "chev", "ski", "anov"),
             ("TsDA, f. {a}, op. {b}, a.e. {c}, l. {e}-{f}",),
             ("saveshtanie", "sbliziavane")),
    Language("Romanian", "Romanian", "Romania", 3, (),
             ("Ion", "Gheorghe", "Vasile", "Constantin", "Mihai", "Nicolae", "Emil"),
             ("pop", "ion", "dum", "stoi", "rad", "con", "mar"),
             ("escu", "eanu", "ovici", "ă", "iu"),
             ("ANIC, CC al PCR, Secția Relații Externe, dosar {a}/{c}, f. {e}-{f}",),
             ("destindere", "consfătuire")),
    Language("Spanish", "Cuban", "Cuba", 2, (),
             ("José", "Raúl", "Carlos", "Manuel", "Armando", "Osvaldo", "Blas"),
             ("rod", "fern", "mart", "gonz", "per", "vald", "herr"),
             ("íguez", "ández", "ínez", "ález", "era", "és"),
             ("ACC, Fondo {a}, Legajo {b}, Expediente {c}",),
             ("compañeros", "dirigencia")),
    Language("Mongolian", "Mongolian", "the MPR", 1,
             ("Tsedenbal", "Batmunkh", "Dugersuren", "Sambuu", "Luvsan", "Damdin"),
             ("Yu", "Ts", "B", "D", "S", "L"),
             ("bat", "tsog", "dorj", "erdene", "bold", "suren"),
             (),
             ("MFA Archive Ulaanbaatar, f. {a}, d. {b}, kh. {e}",),
             ("khural", "negdel")),
    Language("English", "American", "the United States", 1, (),
             ("John", "Robert", "William", "Richard", "Thomas", "Walter", "Henry"),
             ("hart", "wood", "brook", "ash", "ford", "kemp", "whit"),
             ("er", "man", "ley", "ton", "s", "field"),
             ("NARA, RG {a}, Box {b}, Folder {c}",),
             ()),
)
_WEIGHTS = [lang.weight for lang in LANGUAGES]
#: The surnames written before the given name.
_SURNAME_FIRST = frozenset(name for lang in LANGUAGES if lang.name in ("Chinese", "Korean",
                                                                       "Vietnamese")
                           for name in lang.family)

CREDITS = ("the Aldmoor Foundation", "the Vessel Family Foundation", "the Cortland Trust",
           "the Halvard Fund for Archival Research", "the Ministry of Unification",
           "the Bellweather Corporation", "the Tamsin and Oren Lyle Foundation",
           "the Northgate Endowment")
TRANSLATORS = ("Anna Velikova", "Marek Ostrowicz", "Lin Yuhan", "David Kerrigan",
               "Sophie Haldane", "Tran Kim Oanh", "Gábor Halmi", "Peter Linsky",
               "Yuna Seo", "Jakub Vrba", "Elena Moraru", "Rosa Quintana")
TOPICS = (
    ("the border talks", "border", "the survey of the river islands"),
    ("economic aid", "aid", "the delivery of grain and machinery"),
    ("the visit of the delegation", "visit", "the programme of the delegation"),
    ("military advisers", "advisers", "the recall of the specialists"),
    ("the situation in the region", "situation", "the unrest in the border districts"),
    ("the party congress", "congress", "the resolutions of the plenum"),
    ("trade negotiations", "trade", "the protocol on the exchange of goods"),
    ("the press campaign", "press", "the articles in the party newspaper"),
    ("the students abroad", "students", "the return of the students"),
    ("the railway agreement", "railway", "the transit of freight through the junction"),
    ("nuclear questions", "nuclear", "the conference on the test ban"),
    ("the fishing dispute", "fishing", "the detention of the fishing boats"),
    ("cultural exchange", "culture", "the tour of the song and dance ensemble"),
    ("the refugee question", "refugees", "the crossing of residents over the border"),
)
ROLES = ("ambassador", "Ambassador", "the counsellor", "the minister", "Vice Minister",
         "the first secretary", "the chargé d'affaires", "the consul", "the Premier",
         "the deputy head of the department", "the military attaché", "the chairman")
ORGANS = ("Ministry of Foreign Affairs", "Central Committee", "Politburo", "General Staff",
          "State Planning Committee", "International Department", "Ministry of Trade",
          "Embassy", "Consulate General", "Council of Ministers")
SUPPLIED = ("the", "to", "was", "is", "of", "and", "that", "it", "they", "he", "we", "our",
            "in", "with", "be", "had", "has been", "to us", "the question", "as well",
            "of the", "this", "their", "were", "would", "on", "from them", "the meeting",
            "is to be", "should", "for", "them", "also", "he said", "not")
ABBREVIATIONS = (("Dep", "artment"), ("Com", "rade"), ("Sec", "retary"), ("Gov", "ernment"),
                 ("Min", "istry"), ("Del", "egation"), ("Rep", "ublic"), ("Conf", "erence"))
REMARKS = ("emphasis in the original", "underlined in the original", "as in the original",
           "Translator's note: the text is damaged here",
           "Translator's note: the following paragraph was marked in the margin",
           "The rest of the page is missing.", "The last line was crossed out.",
           "trans. note-- the meaning of this sentence is unclear in the original")
ILLEGIBLE = ("illegible", "illegible signature", "two words illegible", "illegible initials",
             "one word illegible")
VERBS = ("informed", "told", "reported to", "asked", "assured", "reminded", "warned",
         "promised", "explained to", "thanked")
CLAIMS = (
    "that the {nation} side was ready to continue the talks",
    "that {topic} would be discussed at the next meeting",
    "that the leadership had examined {detail} and agreed in principle",
    "that the answer of the government would be given within a week",
    "that the proposals of the other side could not be accepted as they stood",
    "that the local organs had been instructed to avoid any incidents",
    "that the question of {topic} was of great importance to both parties",
    "that the comrades expected a clear statement before the end of the month",
    "that no decision had yet been taken on {detail}",
    "that the delegation would arrive by train on the {day}",
)
SENTENCES = (
    "{a} {verb} {b} {claim}.",
    "In the conversation {a} stressed {claim}.",
    "According to {a}, {claim_bare}.",
    "{a} then raised the question of {topic}.",
    "We consider it necessary to report on {detail}.",
    "The conversation lasted {hours} hours and took place in a friendly atmosphere.",
    "I replied {claim}.",
    "The {organ} has studied {detail} and proposes to send a reply.",
    "It was agreed that the {organ} would prepare the documents on {topic}.",
    "{a} noted with satisfaction that the work on {detail} was going well.",
    "At the end of the meeting {a} handed over a memorandum on {topic}.",
    "Please instruct us how to answer on {detail}.",
    "The figures given by {a} differ from those we received earlier.",
    "{a} added {claim}.",
    "In our opinion, the position of the {nation} comrades on {topic} has not changed.",
    "On the {day} {a} arrived in {place} with a group of {count} specialists.",
    "The talks in {place} were postponed at the request of {b}.",
    "{a} said that {count} tons of grain had been sent to {place} by rail.",
    "The situation in {place} remains tense, and the local organs report new incidents.",
    "{a} asked whether the {nation} side would agree to hold the next round in {place}.",
    "\u201cWe have no intention of changing our line,\u201d {a} said, \u201cbut we want "
    "the friends to understand our difficulties.\u201d",
    "{a} did not answer this question directly, and turned the conversation to {topic}.",
    "The {organ} considers that a reply to {b} should not be delayed.",
    "In {place}, {count} residents took part in the meeting on {topic}.",
)
#: Words a telegraphic style drops and a translator restores in brackets (``[the]``).
DROPPED = frozenset("the to was is of and that it they he we be has had will would a an "
                    "in on for with this".split())
#: Role words after which a bracket says who is meant (``the ambassador [Name]``).
ROLE_WORDS = frozenset("ambassador Ambassador minister Minister counsellor consul Premier "
                       "chairman Chairman attaché secretary".split())


# ---------------------------------------------------------------------- one document


class _Doc:
    """The state of one document while it is made: its language, people, date, lines."""

    def __init__(self, rng: random.Random, ident: int):
        self.rng = rng
        self.ident = ident
        self.lang = rng.choices(LANGUAGES, _WEIGHTS)[0]
        self.year = rng.choice((rng.randint(1945, 1991), rng.randint(1949, 1972)))
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 28)
        self.people = [self.lang.person(rng) for _ in range(rng.randint(2, 5))]
        self.other = rng.choices(LANGUAGES, _WEIGHTS)[0]
        self.people += [self.other.person(rng) for _ in range(rng.randint(1, 2))]
        self.places = [self.lang.place(rng) for _ in range(3)]
        self.topic = rng.choice(TOPICS)
        self.footnotes: list[str] = []

    # -- pieces

    def date_long(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.day}, {self.year}"

    def date_in_body(self) -> str:
        rng, d, m, y = self.rng, self.day, self.month, self.year
        return rng.choice((f"{d} {MONTHS[m - 1]} {y}", f"{d}.{m}.{y % 100:02d}",
                           f"{d}.{ROMAN[m - 1]}.{y}", f"{y} {MONTHS[m - 1]} {d}.",
                           f"{d} {MONTHS[m - 1]}", f"{d}.{m}.{y}"))

    @staticmethod
    def surname(person: str) -> str:
        words = person.split()
        return words[0] if words[0] in _SURNAME_FIRST else words[-1]

    def archive_ref(self) -> str:
        rng = self.rng
        pattern = rng.choice(self.lang.archives)
        return pattern.format(a=rng.randint(1, 400), b=rng.randint(1, 9999),
                              c=rng.randint(1, 99), d=rng.randint(1, 900),
                              e=rng.randint(1, 300), f=rng.randint(301, 420))

    # -- the header

    def title(self, numbered: bool) -> str:
        """The title; ``numbered``: with the registry number in its first words (the id of a
        document without a URL is made from its date and the first words of its title)."""
        rng, lang = self.rng, self.lang
        a, b = self.people[0], self.people[1]
        subject = self.topic[0].capitalize()
        kind = rng.choice(("cable", "cable", "telegram", "memorandum", "report", "journal",
                           "letter", "minutes", "note"))
        self.kind = kind
        no = f" No. {self.ident}" if numbered else ""
        if kind == "cable":
            return rng.choice((
                f"Cable{no} from the {lang.nation} Embassy in {self.places[0]}, "
                f"'On {self.topic[0]}'",
                f"Cable No. {self.ident if numbered else rng.randint(10, 9999)}, "
                f"{self.surname(a)} to {self.surname(b)}",
                f"Cable{no} from the {lang.nation} Ministry of Foreign Affairs, "
                f"'Please Report on {subject}'"))
        if kind == "telegram":
            return rng.choice((f"Telegram{no}, {self.surname(a)} to {self.surname(b)}",
                               f"Ciphered Telegram{no}, {self.surname(a)} to the "
                               f"{lang.nation} Foreign Ministry"))
        if kind == "memorandum":
            return rng.choice((f"Memorandum of Conversation{no} between {a} and {b}",
                               f"Record{no} of a Conversation between {a} and {b}"))
        if kind == "report":
            return rng.choice((f"Report{no} from {a}, '{subject}'",
                               f"Report{no} of the {lang.nation} Embassy in {self.places[1]} "
                               f"on {self.topic[0]}"))
        if kind == "journal":
            return (f"Journal{no} of {lang.nation} Ambassador {a} for "
                    f"{self.day} {MONTHS[self.month - 1]} {self.year}")
        if kind == "letter":
            return f"Letter{no} from {a} to {b}"
        if kind == "minutes":
            return f"Minutes{no} of the Meeting of the {lang.nation} {rng.choice(ORGANS)}"
        return f"Note{no} on a Conversation with {b}, {self.date_long()}"

    def header(self) -> list[list[str]]:
        """The header as blocks of lines (a block: a bold line, or a field and its value)."""
        rng = self.rng
        blocks: list[list[str]] = []
        date_form = rng.random()
        if date_form < 0.88:
            blocks.append([f"**{self.date_long()}**"])
        elif date_form < 0.94:
            blocks.append([f"**{MONTHS[self.month - 1]} {self.year}**"])
        # (a title over two lines, as some exports have it, is not given back line for
        # line by the export: one line here, so that a test can compare bytes)
        # A complete export (its Citation with the URL, whose number is the document's id),
        # or a page that did not show all fields (its title has a registry number)
        full = rng.random() < 0.6
        title = self.title(numbered=not full)
        blocks.append([f"**{title}**"])
        translator = rng.choice(TRANSLATORS)
        if full:
            blocks.append(["**Citation:**",
                           f'"{title}", {self.date_long()}, Wilson Center Digital Archive, '
                           f"{self.archive_ref()}. Translated by {translator}.",
                           f"<https://digitalarchive.wilsoncenter.org/document/{self.ident}>"])
        if rng.random() < 0.92:
            blocks.append(["**Summary:**", self.summary()])
        if rng.random() < 0.78:
            blocks.append(["**Credits:**", "This document was made possible with support "
                           f"from {rng.choice(CREDITS)}"])
        if rng.random() < (0.4 if full else 0.1):
            langs = self.lang.name
            if rng.random() < 0.1 and self.other is not self.lang:
                langs += f", {self.other.name}"
            blocks.append(["**Original Language:**", langs])
        if not full and rng.random() < 0.25:
            source = self.archive_ref()
            if rng.random() < 0.6:
                source += f". Translated by {translator}."
            blocks.append(["**Source:**", source])
        if rng.random() < 0.04:
            blocks.append(["**Keywords:**", ", ".join(rng.sample(
                [t[1] for t in TOPICS], 3)).capitalize()])
        if rng.random() < 0.97:
            items = ["**Contents:**"]
            if rng.random() < (0.3 if full else 0.1):
                items.append(rng.choice(("Translation - English", "English Translation",
                                         "Translation - English")))
                if rng.random() < 0.2:
                    items.append(f"{self.lang.name} Transcription"
                                 if self.lang.name != "English" else "Original Scan")
            # (the items on lines of their own, even in a spaced export)
            blocks.append([items[0], "\n".join(items[1:])] if len(items) > 1 else items)
        return blocks

    def summary(self) -> str:
        rng = self.rng
        a, b = self.surname(self.people[0]), self.surname(self.people[1])
        return rng.choice((
            f"{a} reports to {b} on {self.topic[0]}.",
            f"{a} and {b} discuss {self.topic[0]} and {self.topic[2]}.",
            f"The {self.lang.nation} side informs {b} about {self.topic[2]}.",
            f"{a} describes the position of {self.other.country} on {self.topic[0]}, and "
            f"asks for instructions on {self.topic[2]}.",
            f"A record of {self.topic[2]}, with the remarks of {a}."))

    # -- the body

    def person_ref(self) -> str:
        rng = self.rng
        person = rng.choice(self.people)
        return rng.choice((person, f"Comrade {self.surname(person)}",
                           f"Cde. {self.surname(person)}", self.surname(person),
                           rng.choice(ROLES), f"the {self.other.nation} ambassador"))

    def sentence(self, template: str) -> str:
        rng = self.rng
        claim = rng.choice(CLAIMS)
        values = {"nation": self.lang.nation, "topic": self.topic[0],
                  "detail": self.topic[2], "day": _ordinal(rng.randint(2, 28))}
        text = template.format(
            a=self.person_ref(), b=self.person_ref(), verb=rng.choice(VERBS),
            claim=claim.format(**values), claim_bare=claim[5:].format(**values),
            hours=rng.randint(1, 4), organ=rng.choice(ORGANS), place=rng.choice(self.places),
            count=rng.choice((12, 30, 150, 400, "2,000", "10,000")), **values)
        return text[0].upper() + text[1:]

    def bracketed(self, sentence: str) -> str:
        """The sentence with brackets put in at the rates of the real bodies, where a
        translator puts them: a dropped word restored, who a role is, another spelling
        of a place, ..."""
        rng = self.rng
        words = sentence.split(" ")
        for _ in range(rng.choices((0, 1, 2, 3), (74, 19, 5, 2))[0]):
            kind = rng.choices(
                ("supplied", "identification", "gloss", "omitted", "footnote", "remark",
                 "expansion", "unclear", "original"),
                # (an identification needs a role word in the sentence, another spelling a
                # place: where there is none, a supplied word is put in instead)
                (50, 28, 9, 2, 5, 4, 1.5, 1, 2))[0]
            self._bracket(words, kind)
        return " ".join(words)

    def _bracket(self, words: list[str], kind: str) -> None:
        """One bracket of ``kind`` into ``words`` (where none fits, another kind's)."""
        rng = self.rng
        at = rng.randint(1, len(words) - 1)

        def where(test: set[str] | frozenset[str]) -> list[int]:
            return [i for i, w in enumerate(words) if w.rstrip(".,;:") in test]

        def after(i: int, content: str) -> None:
            """``[content]`` after word ``i``, before its punctuation."""
            word = words[i].rstrip(".,;:")
            words[i] = f"{word} [{content}]{words[i][len(word):]}"

        if kind == "supplied":
            dropped = where(DROPPED)
            if dropped and rng.random() < 0.6:  # a word the telegraphic style dropped
                i = rng.choice(dropped)
                words[i] = f"[{words[i].rstrip('.,;:')}]{words[i][len(words[i].rstrip('.,;:')):]}"
            elif rng.random() < 0.5 and "the" in words:  # "the [Soviet] delegation"
                words.insert(words.index("the") + 1,
                             f"[{rng.choice((self.lang.nation, self.other.nation))}]")
            else:
                words.insert(at, f"[{rng.choice(SUPPLIED)}]")
        elif kind == "identification":
            roles = where(ROLE_WORDS)
            if roles:
                after(roles[0], rng.choice(self.people))
            else:
                self._bracket(words, "supplied")
        elif kind == "gloss":
            places = where(set(self.places))
            if places:
                after(places[0], _variant(rng, words[places[0]].rstrip(".,;:")))
            else:
                self._bracket(words, "supplied")
        elif kind == "omitted":
            words.insert(at, rng.choice(("[...]", "[…]")))
        elif kind == "footnote" and not words[-1].endswith("]"):
            self.footnotes.append(self.note_text())
            words[-1] += f"[{len(self.footnotes)}]"
        elif kind == "remark":
            words.append(f"[{rng.choice(REMARKS)}]")
        elif kind == "expansion":
            short, rest = rng.choice(ABBREVIATIONS)
            words.insert(at, f"{short}[{rest}]")
        elif kind == "unclear" and words[at - 1].isalpha():
            words.insert(at, "[?]")
        elif kind == "original" and self.lang.words and words[at - 1].isalpha() \
                and words[at - 1].islower():
            words.insert(at, f"[{rng.choice(self.lang.words)}]")

    def note_text(self) -> str:
        rng = self.rng
        return rng.choice((
            f"{rng.choice(self.people)} was at the time head of the "
            f"{rng.choice(ORGANS)} of {self.lang.country}.",
            f"It is not clear what {self.surname(self.people[0])} refers to here.",
            f"The {self.topic[1]} question was discussed again in {self.year + 1}.",
            "The document referred to has not been found in the archive."))

    def paragraph(self, sentences: int) -> str:
        """Sentences of different templates (a template may come back in a later one)."""
        return " ".join(self.bracketed(self.sentence(t))
                        for t in self.rng.sample(SENTENCES, sentences))

    def opener(self) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        if rng.random() < 0.12:
            lines.append(f"[handwritten: to Cde. {self.surname(self.people[1])}]")
        if rng.random() < 0.06:
            lines.append(f"[stamp: Incoming Nº {rng.randint(100, 9999)}/ss\n"
                         f"{self.day} {MONTHS[self.month - 1]} {self.year}]")
        if rng.random() < 0.4:
            lines.append(rng.choice(("TOP SECRET", "SECRET", "TOP SECRET!", "URGENT",
                                     "Extremely Urgent", "Copy Nº 1", "BY CIPHER")))
        if self.kind in ("cable", "telegram") and rng.random() < 0.6:
            lines.append(f"From {self.places[0].upper()} No. {rng.randint(10, 9999)} "
                         f"{rng.randint(0, 23)} hours {rng.randint(0, 59):02d} minutes")
            if rng.random() < 0.5:
                lines.append(f"Copies: {', '.join(self.surname(p) for p in self.people[:4])}.")
        if self.kind == "report" and rng.random() < 0.7:
            lines += [rng.choice(ORGANS).upper(), f"Subject: {self.topic[0].capitalize()}"]
        if self.kind == "journal":
            lines += ["JOURNAL", f"of {self.lang.nation} Ambassador {self.people[0]}"]
        if self.kind == "letter" or rng.random() < 0.15:
            lines.append(rng.choice((f"Dear Comrade {self.surname(self.people[1])},",
                                     f"[To] Comrade {self.people[1]}:",
                                     f"To the {rng.choice(ORGANS)}:")))
        if rng.random() < 0.1:
            lines.append(rng.choice(("[...]", "[…]")))
        return lines

    def closer(self) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        if rng.random() < 0.3:
            lines.append(rng.choice(("With communist greetings,", "Respectfully,",
                                     "Greetings to the friends!")))
        if rng.random() < 0.12:
            lines.append(rng.choice(("[signature]", f"[{rng.choice(ILLEGIBLE)}]")))
        who = self.people[0]
        lines.append(rng.choice((self.surname(who).upper(), f"({who})", who,
                                 f"/-/ {self.surname(who)}")))
        if rng.random() < 0.5:
            lines.append(self.date_in_body())
        if rng.random() < 0.08:
            lines.append(f"[handwritten: \"to file\" [[{self.lang.person(rng)}?]]]")
        if rng.random() < 0.05:
            lines.append(f"[Stamp: Subject to return to the {rng.choice(ORGANS)}\n"
                         f"Incoming Nº {rng.randint(100, 9999)}/ss {self.date_in_body()}]")
        if rng.random() < 0.15:
            copies = rng.randint(2, 6)
            lines.append(f"{copies} copies printed")
            lines += [f"{k} - Cde. {self.surname(rng.choice(self.people))}"
                      for k in range(1, copies)] + [f"{copies} - to file"]
        return lines

    def body(self) -> list[str]:
        rng = self.rng
        shape = rng.random()
        if shape < 0.06:
            paragraphs, per = rng.randint(1, 2), (1, 2)  # a few lines
        elif shape < 0.90:
            paragraphs, per = rng.randint(2, 7), (2, 5)
        elif shape < 0.98:
            paragraphs, per = rng.randint(8, 25), (3, 7)  # a long report
        else:
            paragraphs, per = rng.randint(30, 80), (4, 8)
        lines = self.opener()
        for k in range(paragraphs):
            if rng.random() < 0.08 and paragraphs > 2:  # a numbered list
                lines += [f"{i}) {self.bracketed(self.sentence(t))}"
                          for i, t in enumerate(rng.sample(SENTENCES, rng.randint(2, 4)), 1)]
            elif self.kind == "memorandum" and rng.random() < 0.6:
                speaker = self.surname(self.people[k % 2])
                lines.append(f"{speaker}: {self.paragraph(rng.randint(*per))}")
            else:
                lines.append(self.paragraph(rng.randint(*per)))
            if rng.random() < 0.03:
                lines.append(rng.choice(("[...]", "[…]")))
        lines += self.closer()
        lines += [f"[{n}] {text}" for n, text in enumerate(self.footnotes, 1)]
        return lines

    def text(self) -> str:
        # (a line here may hold line breaks: a stamp over two lines, the Contents items;
        # a spaced export does not put blank lines inside them)
        self.spaced = self.rng.random() < 0.15  # a blank line between all other lines
        lines = [line for block in self.header() for line in block] + self.body()
        return ("\n\n" if self.spaced else "\n").join(lines) + "\n"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _variant(rng: random.Random, name: str) -> str:
    """Another spelling of a place name, close in letters (a gloss: ``Kharbin [Harbin]``)."""
    swaps = (("k", "g"), ("p", "b"), ("l", "r"), ("sh", "s"), ("ts", "c"), ("ov", "ow"),
             ("an", "ang"), ("i", "y"), ("u", "ou"), ("e", "a"))
    for old, new in rng.sample(swaps, len(swaps)):
        if old in name[1:]:
            return name[0] + name[1:].replace(old, new, 1)
    return name + "e"


def document_id(seed: int, i: int) -> int:
    """The ``i``-th document's number: unique and increasing (1 to 4 apart)."""
    return 100000 + 4 * i + random.Random(f"id:{seed}:{i}").randrange(4)


def generate(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``n`` synthetic documents as (file name, text), made from ``seed`` (module docstring)."""
    for name, text, _, _ in generate_named(n, seed):
        yield name, text


def generate_named(n: int, seed: int = 1) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """As :func:`generate`, with the persons and places each document names."""
    for i in range(n):
        ident = document_id(seed, i)
        doc = _Doc(random.Random(f"{seed}:{i}"), ident)
        yield f"{ident}.txt", doc.text(), doc.people, doc.places


# ------------------------------------------------------------------------ a register

def preferred_name(person: str) -> str:
    """The register's preferred form: "Surname, Given" where the given name comes first
    (the linker then knows the surname alone, "Comrade Surname", "G. Surname"), the name as
    written where the surname comes first (Chinese, Korean, Vietnamese)."""
    words = person.split()
    if words[0] in _SURNAME_FIRST or len(words) == 1:
        return person
    return f"{words[-1]}, {' '.join(words[:-1])}"


def register_file(kind: str, names: list[str], n: int) -> bytes:
    """A register file (TEI, valid against the project schema) of ``names``: ids
    ``KIND-00001``, ...; a person's preferred form by :func:`preferred_name`."""
    sys.path.insert(0, str(REPO))
    from tei_edition.registers.model import KINDS, register_document
    from tei_edition.tei import element, serialize, xml_attr

    _, _, entry_tag, name_tag, _ = KINDS[kind]
    entries = []
    for k, name in enumerate(names, 1):
        entry = element(entry_tag, {xml_attr("id"): f"{kind}-{k:05d}"})
        preferred = preferred_name(name) if kind == "person" else name
        element(name_tag, {"type": "preferred"}, preferred, parent=entry)
        if preferred != name:
            element(name_tag, None, name, parent=entry)
        element("note", None, f"Synthetic {kind} {k}.", parent=entry)
        entries.append(entry)
    return serialize(register_document(
        kind, f"Register of {kind}s: synthetic edition ({n} documents)",
        "Made by bench/synthetic.py.",
        f"The {len(names)} {kind}s named most often in the synthetic documents (invented).",
        entries))


def write_register(out: Path, persons: Counter[str], places: Counter[str], n: int,
                   size: int) -> None:
    """``registers/`` with the ``size`` persons and ``size // 4`` places named in most
    documents (the linker links their forms; a surname several entries share is reported
    as ambiguous, as in a real edition)."""
    folder = out / "registers"
    folder.mkdir(exist_ok=True)
    for kind, counts, count, file in (("person", persons, size, "persons.xml"),
                                      ("place", places, size // 4, "places.xml")):
        names = [name for name, _ in counts.most_common(count)]
        (folder / file).write_bytes(register_file(kind, names, n))


#: the keys of edition.toml the exports need (tei_edition/exports/edition.py), set to the
#: example values ``init`` writes
EXPORT_KEYS = ("publisher", "licence", "licence_url", "base_url", "contact_email",
               "oai_gateway")


def make_project(out: Path, n: int, seed: int, register: int = 0) -> int:
    """An edition project in ``out`` with ``n`` synthetic sources, and with ``register``
    > 0 a register of that many persons (:func:`write_register`); returns the bytes of the
    sources."""
    sys.path.insert(0, str(REPO))
    from tei_edition.project import init_project

    init_project(out, f"Synthetic edition ({n} documents, seed {seed})")
    # published, as an edition is: every export is made (the keys init left commented out)
    config = out / "edition.toml"
    text = config.read_text(encoding="utf-8")
    for key in EXPORT_KEYS:
        text = text.replace(f"\n# {key} = ", f"\n{key} = ", 1)
    config.write_text(text, encoding="utf-8")
    sources = out / "sources"
    size = 0
    persons: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for name, text, people, named_places in generate_named(n, seed):
        data = text.encode("utf-8")
        (sources / name).write_bytes(data)
        size += len(data)
        persons.update(set(people))
        places.update(set(named_places))
    if register:
        write_register(out, persons, places, n, register)
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="the edition project to make (new or empty)")
    parser.add_argument("-n", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--register", type=int, default=0, metavar="N",
                        help="a register of the N persons (and N/4 places) named most often")
    args = parser.parse_args(argv)
    clock = time.perf_counter()
    size = make_project(args.out_dir, args.n, args.seed, args.register)
    seconds = time.perf_counter() - clock
    print(f"{args.out_dir}: {args.n} documents, {size / 1e6:.1f} MB, in {seconds:.1f} s "
          f"({args.n / seconds:.0f} documents/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
