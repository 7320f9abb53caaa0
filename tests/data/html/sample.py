"""A hand-built comparison that exercises every part of the HTML report.

Built in code (not through the aligner and the analysis, which are developed separately) so
the report's tests pin the renderer alone: every ChangeKind, paragraphs moved across
articles, headings changed, agreement status, findings anchored by spans, four scripts, and
provisions whose text is an attack on the page.
"""

from __future__ import annotations

from treatydiff.diff.worddiff import diff_text
from treatydiff.model import (
    AgreementStatus,
    BracketTally,
    ChangeKind,
    ClausePair,
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    NegotiationInfo,
    Party,
    Provision,
    Round,
    RoundInfo,
    Span,
)

K = ChangeKind
XSS_TEXT = (
    'The Parties note <script>window.__xss = "script";</script> and '
    '"><img src=x onerror="window.__xss = \'img\'"> and '
    '<a href="javascript:window.__xss=\'link\'">click</a> and {{ 7*7 }} and {% raw %}.'
)
XSS_HEADING = "<b onmouseover=\"window.__xss='heading'\">Final clauses</b>"


def _p(pid: str, label: str, text: str = "", heading: str | None = None, status: AgreementStatus | None = None,
       paragraphs: tuple[Provision, ...] = ()) -> Provision:
    return Provision(id=pid, label=label, text=text, heading=heading, status=status, paragraphs=paragraphs)


def _pair(key: str, old: Provision | None, new: Provision | None, kinds: tuple[ChangeKind, ...],
          paragraphs: tuple[ClausePair, ...] = (), **extra: object) -> ClausePair:
    options = CompareOptions()
    segments = diff_text(old.text if old else "", new.text if new else "", options)
    heading = diff_text((old.heading or "") if old else "", (new.heading or "") if new else "", options)
    return ClausePair(key=key, old=old, new=new, kinds=kinds, similarity=0.8, segments=segments,
                      heading_segments=heading, paragraphs=paragraphs, **extra)  # type: ignore[arg-type]


def _span(text: str, words: str, before: str = "") -> Span:
    start = text.index(before + words) + len(before)
    return Span(start, start + len(words))


# --- the two drafts ------------------------------------------------------------------------

A1_OLD = "The Parties shall withdraw all armed forces from the border within thirty (30) days of signature."
A1_NEW = "The Parties should withdraw armed forces from the border within 90 days of signature, where appropriate."
A6_OLD = "The Parties may establish a joint commission on missing persons."
A6_NEW = "The Parties shall establish a joint commission on missing persons within six months."
HY = "Կողմերը պարտավորվում են հարգել միմյանց տարածքային ամբողջականությունը։"
HY_NEW = "Կողմերը պարտավորվում են լիովին հարգել միմյանց տարածքային ամբողջականությունը։"
RU = "Стороны обязуются воздерживаться от угрозы силой."
RU_NEW = "Стороны должны воздерживаться от угрозы силой или её применения."
AZ = "Tərəflər sərhədin delimitasiyası üzrə komissiya yaradırlar."
AZ_NEW = "Tərəflər sərhədin delimitasiyası və demarkasiyası üzrə birgə komissiya yaradırlar."
AR = "تتعهد الأطراف بتسوية النزاعات بالوسائل السلمية."
AR_NEW = "تتعهد الأطراف بتسوية جميع النزاعات بالوسائل السلمية وحدها."

pre = _p("pre", "Preamble", "The Republic of Armenia and the Republic of Azerbaijan,\nDesiring lasting peace,")
o1 = _p("withdrawal", "Article 1", A1_OLD, heading="Withdrawal", status=AgreementStatus.AGREED)
n1 = _p("withdrawal", "Article 1", A1_NEW, heading="Withdrawal of forces", status=AgreementStatus.PROPOSED)
n2 = _p("transit", "Article 2", "The Parties shall [guarantee][promote] unimpeded transit.", heading="Transit")
o2 = _p("borders", "Article 2", "The Parties recognise each other's borders.", heading="Borders", status=AgreementStatus.AGREED)
n3 = _p("borders", "Article 3", "The Parties recognise each other's borders.", heading="Borders", status=AgreementStatus.AGREED)
o9 = _p("heritage", "Article 9", "The Parties shall protect cultural heritage.", heading="Heritage")
n4 = _p("heritage", "Article 4", "The Parties shall protect cultural and religious heritage.", heading="Heritage")
o5 = _p("mixed", "Article 5", "The Parties shall open transport links. The Parties shall restore railways.")
n5 = _p("mixed", "Article 5", "The Parties shall open transport links.")
n6 = _p("rail", "Article 6", "The Parties shall restore railways.")
o6 = _p("missing", "Article 6", A6_OLD)
o7 = _p("detainees", "Article 7", "The Parties shall release detainees.")
n7 = _p("missing", "Article 7", A6_NEW + " The Parties shall release detainees.")
o8 = _p("monitoring", "Article 8", "An international mission shall monitor the ceasefire.", heading="Monitoring")
o10 = _p("scripts", "Article 10", "", heading="Languages", paragraphs=(
    _p("hy", "1", HY), _p("ru", "2", RU), _p("az", "3", AZ), _p("old-note", "4", "This paragraph is removed."),
))
n10 = _p("scripts", "Article 8", "", heading="Languages", paragraphs=(
    _p("hy", "1", HY_NEW), _p("ru", "2", RU_NEW), _p("az", "3", AZ_NEW), _p("ar", "4", AR_NEW),
    _p("proc", "5", "Disputes shall be referred to the Joint Commission."),
))
o11 = _p("disputes", "Article 11", "", heading="Disputes", paragraphs=(
    _p("ar", "1", AR), _p("proc", "2", "Disputes shall be referred to the Joint Commission."),
))
n11 = _p("disputes", "Article 9", "", heading="Disputes", paragraphs=(_p("ar-gone", "1", "Disputes are settled peacefully."),))
o12 = _p("final", "Article 12", "The Parties note the text.", heading="Final clauses")
n12 = _p("final", "Article 10", XSS_TEXT, heading=XSS_HEADING)

OLD = Round(
    info=RoundInfo(label="Round 7", party="AZ", date="2024-03-01", title="Azerbaijani draft", language="en"),
    provisions=(pre, o1, o2, o5, o6, o7, o8, o9, o10, o11, o12),
    name="r7-az",
)
NEW = Round(
    info=RoundInfo(label="Round 8 </title><script>window.__xss='title'</script>", party="AM", date="2024-05-14",
                   title="Armenian counter-draft", language="en"),
    provisions=(pre, n1, n2, n3, n4, n5, n6, n7, n10, n11, n12),
    name="r8-am",
)

# --- the comparison ------------------------------------------------------------------------

PAIRS = (
    _pair("p1", pre, pre, (K.UNCHANGED,)),
    _pair("p2", o1, n1, (K.MODIFIED,)),
    _pair("p3", None, n2, (K.ADDED,)),
    _pair("p4", o2, n3, (K.RENUMBERED,)),
    _pair("p5", o9, n4, (K.MODIFIED, K.RENUMBERED, K.MOVED)),
    _pair("p6", o5, n5, (K.MODIFIED, K.SPLIT), related=("Article 6",)),
    _pair("p7", None, n6, (K.SPLIT,), related=("Article 5",)),
    _pair("p8", o6, n7, (K.MODIFIED, K.MERGED), related=("Article 7",)),
    _pair("p9", o7, None, (K.MERGED,), related=("Article 7",)),
    _pair("p10", o10, n10, (K.MODIFIED, K.RENUMBERED), paragraphs=(
        _pair("p10.1", o10.paragraphs[0], n10.paragraphs[0], (K.MODIFIED,)),
        _pair("p10.2", o10.paragraphs[1], n10.paragraphs[1], (K.MODIFIED,)),
        _pair("p10.3", o10.paragraphs[2], n10.paragraphs[2], (K.MODIFIED,)),
        _pair("p10.4", o11.paragraphs[0], n10.paragraphs[3], (K.MODIFIED, K.RENUMBERED, K.MOVED),
              old_parent="Article 11", new_parent="Article 8"),
        _pair("p10.5", o11.paragraphs[1], n10.paragraphs[4], (K.RENUMBERED, K.MOVED),
              old_parent="Article 11", new_parent="Article 8"),
        _pair("p10.6", o10.paragraphs[3], None, (K.DELETED,)),
    )),
    _pair("p11", o11, n11, (K.MODIFIED, K.RENUMBERED), paragraphs=(
        _pair("p11.1", None, n11.paragraphs[0], (K.ADDED,)),
    )),
    _pair("p12", o12, n12, (K.MODIFIED, K.RENUMBERED)),
    _pair("p13", o8, None, (K.DELETED,)),
)

FINDINGS = (
    Finding("obligation-weakened", Direction.REGRESSION, "p2", "Article 1", "Article 1", "shall", "should",
            "en.modal.shall>should", "“shall” binds the Parties; “should” only recommends.",
            obligated=("AM", "AZ"), favours=(), old_span=_span(A1_OLD, "shall"), new_span=_span(A1_NEW, "should")),
    Finding("scope-narrowed", Direction.REGRESSION, "p2", "Article 1", "Article 1", "all armed forces", "armed forces",
            "en.scope.all-removed", "Dropping “all” lets some forces stay.",
            obligated=("AM", "AZ"), old_span=_span(A1_OLD, "all ", before="withdraw "), new_span=None),
    Finding("deadline-extended", Direction.REGRESSION, "p2", "Article 1", "Article 1", "thirty (30) days", "90 days",
            "en.deadline.longer", "The deadline triples, from 30 to 90 days.",
            old_span=_span(A1_OLD, "thirty (30)"), new_span=_span(A1_NEW, "90")),
    Finding("qualifier-added", Direction.REGRESSION, "p2", "Article 1", "Article 1", "", "where appropriate",
            "en.qualifier.where-appropriate", "“where appropriate” lets each Party decide whether to act <script>alert(1)</script>.",
            new_span=_span(A1_NEW, "where appropriate")),
    Finding("obligation-strengthened", Direction.PROGRESS, "p8", "Article 6", "Article 7", "may", "shall",
            "en.modal.may>shall", "“may” becomes “shall”: the commission becomes an obligation.",
            obligated=("AM", "AZ"), old_span=_span(A6_OLD, "may"), new_span=_span(A6_NEW, "shall")),
    Finding("brackets-opened", Direction.REGRESSION, "p3", None, "Article 2", "", "[guarantee][promote]",
            "brackets.opened", "New bracketed alternatives: transit is no longer agreed.",
            new_span=_span(n2.text, "[guarantee][promote]")),
    Finding("number-changed", Direction.REVIEW, "p10.2", "2", "2", "обязуются", "должны",
            "ru.modal.changed", "The verb of obligation changed; check the official translation.", language="ru",
            old_span=_span(RU, "обязуются"), new_span=_span(RU_NEW, "должны")),
    Finding("commitment-deleted", Direction.REGRESSION, "p13", "Article 8", None, "shall monitor", "",
            "en.commitment.deleted", "The international monitoring mission is gone.", obligated=("ALL",),
            old_span=_span(o8.text, "shall monitor")),
)

NEGOTIATION = NegotiationInfo(
    title="Treaty on Peace and Interstate Relations",
    parties=(Party("AM", "Armenia"), Party("AZ", "Azerbaijan")),
    illustrative=True,
    languages=("en", "hy", "az", "ru"),
)


def sample_comparison() -> Comparison:
    return Comparison(
        old_round=OLD,
        new_round=NEW,
        pairs=PAIRS,
        findings=FINDINGS,
        negotiation=NEGOTIATION,
        old_brackets=BracketTally(brackets=3, options=1),
        new_brackets=BracketTally(brackets=4, options=2),
    )
