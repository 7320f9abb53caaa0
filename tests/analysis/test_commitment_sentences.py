"""Commitments are read sentence by sentence (issue 11): every operative sentence of a deleted
or added provision, permissions and soft duties included, never a prediction or a definition;
a sentence that moved between provisions is one sentence, not a deletion plus an addition.
Each test fails on the rules before this change."""

from __future__ import annotations

from test_analysis_classes import PARTIES  # the two parties every analysis test names

from treatydiff import Settings, compare
from treatydiff.analysis.pairstate import sentences
from treatydiff.model import Finding, NegotiationInfo, Provision, ProvisionKind, Round, RoundInfo


def _round(label: str, *texts: tuple[str, str]) -> Round:
    provisions = tuple(Provision(id=f"p{i}", label=name, text=text, kind=ProvisionKind.ARTICLE) for i, (name, text) in enumerate(texts))
    return Round(info=RoundInfo(label=label, language="en"), provisions=provisions)


def run(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Finding]:
    settings = Settings(negotiation=NegotiationInfo(title="t", parties=PARTIES))
    return list(compare(_round("old", *old), _round("new", *new), settings).findings)


def codes(old: str, new: str) -> list[str]:
    return sorted(f.code for f in run([("Article 1", old)], [("Article 1", new)]))


KEPT = ("Article 9", "The depositary shall be the Secretary-General of the United Nations.")


def test_every_operative_sentence_of_a_deleted_provision_is_a_commitment_deleted() -> None:
    gone = ("Article 2", "Armenia shall notify Azerbaijan of every exercise. Azerbaijan shall grant access to observers. "
                         "Each Party may request consultations.")
    found = [f for f in run([KEPT, gone], [KEPT]) if f.code == "commitment-deleted"]
    assert len(found) == 3
    assert [f.old_words for f in found] == ["Armenia shall notify Azerbaijan of every exercise.", "Azerbaijan shall grant access to observers.",
                                            "Each Party may request consultations."]
    assert "a permission" in found[2].explanation


def test_a_permission_or_a_soft_duty_added_whole_is_a_commitment_added() -> None:
    old = "Armenia shall report on its stockpiles every year."
    assert codes(old, old + " Azerbaijan may send observers to the sites.") == ["commitment-added"]
    # New soft text for a new subject weakens no existing duty (guideline 3).
    assert codes(old, old + " Other States are encouraged to do so.") == ["commitment-added"]


def test_predictions_and_definitions_commit_no_one() -> None:
    old = "Armenia shall report on its stockpiles every year."
    assert codes(old, old + " Subsequent reports will be informed by the results of the review.") == []
    assert codes(old, old + " Some sites may be subject to seasonal closures.") == []
    assert codes(old, old + ' "Stockpile" shall mean any store of munitions held by a Party.') == []
    # "can" before a verb of effect says what something achieves, it permits no one.
    assert codes(old, old + " Joint inspections can contribute to confidence between the Parties.") == []
    assert codes(old, old + " Such reports can also help the review.") == []
    assert codes(old, old + " Azerbaijan can send observers to the sites.") == ["commitment-added"]


def test_a_deleted_option_is_no_commitment_deleted() -> None:
    old = "Armenia shall report.\n\n**Option 1:** Azerbaijan shall withdraw its forces within 30 days.\n**Option 2:** Azerbaijan should withdraw its forces."
    new = "Armenia shall report.\n\nAzerbaijan should withdraw its forces."
    found = codes(old, new)
    assert "commitment-deleted" not in found
    assert "obligation-weakened" in found  # "should" settled where an option said "shall"


def test_a_sentence_moved_to_another_article_is_one_sentence() -> None:
    first = "The Parties shall report annually to the Commission."
    moved = "The Parties shall keep records of all transfers of equipment to third countries."
    old = [("Article 1", f"{first} {moved}"), ("Article 2", "The secretariat shall publish the reports it receives.")]
    new = [("Article 1", first), ("Article 2", f"The secretariat shall publish the reports it receives. {moved}")]
    assert [f.code for f in run(old, new)] == []
    new_weaker = [("Article 1", first), ("Article 2", "The secretariat shall publish the reports it receives. "
                                                     + moved.replace("shall", "should"))]
    found = run(old, new_weaker)
    assert [f.code for f in found] == ["obligation-weakened"]
    assert found[0].old_label == "Article 1" and found[0].new_label == "Article 2"
    assert "moved from Article 1 to Article 2" in found[0].explanation


def test_a_line_wrapped_sentence_is_one_sentence() -> None:
    text = ("You may distribute the Work under the terms of Section\n2.1 of this License. The U.S. Government may\nuse it.\n"
            "(a) first item;\n(b) second item:\nNew Versions\nThe Steward may publish new versions.")
    assert [text[a:b] for a, b in sentences(text)] == [
        "You may distribute the Work under the terms of Section\n2.1 of this License.", "The U.S. Government may\nuse it.",
        "(a) first item;", "(b) second item:", "New Versions", "The Steward may publish new versions."]


def test_an_item_added_to_a_list_counts_although_its_word_is_used_elsewhere() -> None:
    old = "You may create content on the site or in the app. You shall not upload malware."
    assert codes(old, "You may create or upload content on the site or in the app. You shall not upload malware.") == ["scope-widened"]


def test_items_removed_from_a_rewritten_enumeration_narrow_it() -> None:
    found = run([("Article 1", "Each Party shall provide transparent, timely, consistent, comparable and accurate information on emissions.")],
                [("Article 1", "Each Party shall provide transparent and consistent information on emissions.")])
    assert [f.code for f in found] == ["scope-narrowed"]
    # (Wording changed on purpose: the qualities are now compared as sets before their noun.)
    assert "'timely', 'comparable' and 'accurate' no longer qualify 'information'" in found[0].explanation
    # Spelling is no item: "on-line or off-line" → "online or offline" changes nothing.
    assert codes("You shall not publish it on-line or off-line or in print.", "You shall not publish it online or offline or in print.") == []


def test_a_recased_or_rewrapped_sentence_is_no_commitment_deleted_or_added() -> None:
    old = "You agree to the terms. THIS LIMITATION OF LIABILITY SHALL NOT APPLY TO LIABILITY FOR DEATH OR PERSONAL INJURY."
    assert codes(old, "You agree to the terms. This limitation of liability shall not apply to liability for death or personal injury.") == []
    rewrapped = ("Each Party may request data. This limitation of\nliability shall not apply to liability for death\nor personal injury. "
                 "The secretariat may publish the data it holds.")
    found = run([("Article 1", old + " Each Party shall report yearly.")], [("Article 1", rewrapped)])
    # The limitation stands on both sides, recased and rewrapped: no commitment deleted or added
    # speaks of it.  (The sentences that are gone or new are: no sentence carries them.)
    assert not [f for f in found if f.code.startswith("commitment-") and "limitation" in (f.old_words + f.new_words).casefold()]
    assert sorted(f.old_words for f in found if f.code == "commitment-deleted") == ["Each Party shall report yearly.", "You agree to the terms."]


def test_the_subject_named_is_a_noun_phrase_of_the_text() -> None:
    from treatydiff.analysis.parties import subject_phrase

    cases = [("Developed country Parties shall, and other Parties that provide support should, provide information.", "should", "other Parties"),
             ("Armenia shall report and shall publish the report.", "shall publish", "Armenia"),
             ("You agree that you shall not resell access.", "shall", "you"),
             ("Parties that need support should say so.", "should", "Parties"),
             # An editor's mark where the noun will go names no one yet.
             ("Each Party's next ### shall be ambitious.", "shall", ""),
             ("The {insert name of body} shall meet yearly.", "shall", ""),
             ("The XX Committee shall meet yearly.", "shall", "")]
    for text, modal, subject in cases:
        assert subject_phrase(text, text.index(modal)) == subject, text


def test_an_item_gone_from_a_binding_chapeau_narrows_its_duty() -> None:
    old = "The Parties shall:\n(a) Exchange data on troop movements;\n(b) Ensure the integrity of the monitoring system;\n(c) Meet yearly."
    new = "The Parties shall:\n(a) Exchange data on troop movements;\n(c) Meet yearly."
    found = run([("Article 1", old)], [("Article 1", new)])
    assert [f.code for f in found] == ["scope-narrowed"]
    assert found[0].old_words == "(b) Ensure the integrity of the monitoring system;"
    assert "the duty of the Parties ('shall') no longer covers it" in found[0].explanation


def test_a_list_number_is_not_the_end_of_a_sentence() -> None:
    text = "Parties shall:\n1. Promote it; and\n3. Enable opportunities. Then more."
    assert [text[a:b] for a, b in sentences(text)] == ["Parties shall:", "1. Promote it;", "and", "3. Enable opportunities.", "Then more."]


def test_an_example_or_a_gloss_does_not_end_a_sentence() -> None:
    text = ("The Host waives the right to collect fees through a collecting body (e.g.\nAcme Rights Ltd), "
            "whether directly or not. Each Party may inspect the site (i.e. Enter and Look) at any time. It shall report.")
    assert [text[a:b] for a, b in sentences(text)] == [
        "The Host waives the right to collect fees through a collecting body (e.g.\nAcme Rights Ltd), whether directly or not.",
        "Each Party may inspect the site (i.e. Enter and Look) at any time.", "It shall report."]
    old = "The Host waives the right to collect fees through a collecting body (e.g. Acme Rights Ltd), whether directly or not."
    new = "The Host waives the right to collect fees through a collecting body (e.g. Acme Rights Ltd), whether or not directly."
    assert codes(old, new) == []


def test_a_definition_wrapped_over_lines_commits_no_one() -> None:
    kept = "The Recipient shall keep every notice."
    added = "A program that forms part of a Bundle will not be\nconsidered a Derived Program for the purposes of this\nAgreement."
    assert codes(kept, f"{kept}\n{added}") == []


def test_a_clause_of_a_definition_cut_at_a_semicolon_commits_no_one() -> None:
    old = ' a. "Ship" means to send copies of the Program by post;\n b. "Recipient" means whoever receives it.'
    new = (' a. "Ship" means to send copies of the Program by post; to put copies on a server\n    so that anyone may fetch them;\n'
           ' b. "Recipient" means whoever receives it.')
    assert codes(old, new) == ["definition-changed"]
    # After the definition's full stop a sentence binds again.
    duty = ' a. "Ship" means to send copies of the Program by post. The Recipient must keep the copies;\n b. "Recipient" means whoever receives it.'
    assert "commitment-added" in codes(old, duty)


def test_a_sentence_grown_by_a_tail_is_no_new_commitment() -> None:
    old = "The Host may enter the plant only in these cases:\n- With the owner's consent.\n- When entry is required for safety reasons.\nThe Host shall log each entry."
    grown = old.replace("safety reasons.", "safety reasons, including when entry is required to keep the neighbouring roads open.")
    assert "commitment-added" not in codes(old, grown)
    # A new sentence written beside one that stays is a commitment of its own.
    beside = old.replace("The Host shall log each entry.", "The Host shall log each entry.\nThe Host shall log each entry in a register kept at the gate.")
    assert "commitment-added" in codes(old, beside)


def test_a_duty_word_changed_inside_a_definition_moves_no_duty() -> None:
    old = '"Bundle" means a set of programs that may not be split, and that the Recipient may ship together.'
    new = '"Bundle" means a set of programs that will be kept whole, and that the Recipient will ship together.'
    found = codes(old, new)
    assert "definition-changed" in found and not [c for c in found if c.startswith("obligation-")]


def test_a_duty_word_gone_from_a_conjoined_duty_that_keeps_its_first_is_no_weakening() -> None:
    old = "The Recipient must record the notice in the register of Section 2.1 and must send it with every copy it makes."
    new = "The Recipient must record the notice in the register of Section 2.1 and send it with every copy it makes."
    assert "obligation-weakened" not in codes(old, new)
    # In another clause the duty word was the only one binding its words.
    apart = "The Recipient must record the notice in the register of Section 2.1; it must send it with every copy it makes."
    assert "obligation-weakened" in codes(apart, apart.replace("it must send", "it sends"))


def test_duty_words_of_two_unrelated_sentences_are_no_duty_turned_round() -> None:
    old = ("4. The Host may not offer or impose any terms on the site that restrict the rights of visitors. "
           "If the Host builds a Shed, upon notice from the Owner the Host must remove any sign from it.")
    new = ("4. The Host must include a copy of, or a link to, these terms with every lease of the site. "
           "When the Host leases the site, the Host may not impose any fences on the site that restrict visitors.")
    assert "obligation-reversed" not in codes(old, new)
    assert "obligation-reversed" in codes("The Host may not fence the site on any side.", "The Host must fence the site on every side.")


def test_consent_no_longer_in_writing_weakens_the_prohibition() -> None:
    old = "The Host may not fence the site without the prior written consent of the Owner."
    found = run([("Article 1", old)], [("Article 1", old.replace("prior written consent", "prior consent"))])
    assert [(f.code, f.old_words) for f in found] == [("obligation-weakened", "prior written consent")]
    assert "need no longer be given in writing" in found[0].explanation
    back = run([("Article 1", old.replace("prior written consent", "prior consent"))], [("Article 1", old)])
    assert [f.code for f in back] == ["obligation-strengthened"]


def test_contract_wording_binds_and_grants() -> None:
    old = "You shall pay the fees on time."
    assert codes(old, old + " You agree not to resell access to the Service.") == ["commitment-added"]
    assert codes(old, old + " You are solely responsible for the content you post.") == ["commitment-added"]
    assert codes(old, old + " GitHub reserves the right to reclaim any subdomain.") == ["commitment-added"]
    found = run([KEPT], [KEPT, ("Article 2", "Each Contributor hereby grants to You a worldwide licence to the Work.")])
    assert [f.code for f in found] == ["commitment-added"] and "a permission" in found[0].explanation
    prohibition = run([KEPT, ("Article 2", "You agree not to resell access to the Service.")], [KEPT])
    assert "a prohibition" in prohibition[0].explanation


def test_a_placeholder_with_words_after_it_is_no_bracket() -> None:
    from treatydiff.analysis.brackets import unagreed_spans
    from treatydiff.analysis.lexicon import load_lexicon

    placeholders = load_lexicon("en").placeholders
    text = "Annex X [Placeholder for Annex X]. Sign on [insert date]. Parties [shall][should] act."
    assert [text[s.start : s.end] for s in unagreed_spans(text, placeholders)] == ["[shall]", "[should]"]


def test_and_becoming_or_between_duties_loosens_them() -> None:
    found = run([("Article 1", "Armenia shall notify and consult Azerbaijan.")], [("Article 1", "Armenia shall notify or consult Azerbaijan.")])
    assert [f.code for f in found] == ["obligation-weakened"]
    assert "meeting one of the terms it joins now suffices" in found[0].explanation
    assert codes("Armenia shall notify or consult Azerbaijan.", "Armenia shall notify and consult Azerbaijan.") == ["obligation-strengthened"]
    assert codes("Armenia notes and welcomes the report.", "Armenia notes or welcomes the report.") == []  # binds no one


def test_an_exception_added_to_a_prohibition_narrows_it() -> None:
    found = run([("Article 1", "The Parties shall not use force.")], [("Article 1", "The Parties shall not use force except in self-defence.")])
    assert [f.code for f in found] == ["scope-narrowed"]
    assert "carves an exception out of the duty, so the duty of the Parties covers less" in found[0].explanation


def test_sentences_of_one_template_are_not_taken_for_a_moved_sentence() -> None:
    # Two sentences of one template leave two articles and two others come into two more:
    # each could be another's move, none is one unambiguously, so all four commitments stay.
    def template(what: str) -> str:
        return f" The Parties shall take measures to protect the rights of {what}, on the basis of the best available science."

    base = ["Armenia shall open the northern crossing.", "Azerbaijan shall open the southern crossing.",
            "The secretariat shall keep the register of claims.", "The Commission shall meet in Geneva each spring."]
    old = [(f"Article {k}", text + (template(["border communities", "minority languages"][k - 1]) if k <= 2 else "")) for k, text in enumerate(base, 1)]
    new = [(f"Article {k}", text + (template(["railway workers", "forest sinks"][k - 3]) if k >= 3 else "")) for k, text in enumerate(base, 1)]
    assert sorted(f.code for f in run(old, new)) == ["commitment-added"] * 2 + ["commitment-deleted"] * 2


def _section(name: str, *subsections: str) -> Provision:
    parts = tuple(Provision(id=f"{name}-{i}", label=f"({chr(96 + i)})", text=t, kind=ProvisionKind.PARAGRAPH)
                  for i, t in enumerate(subsections, 1))
    return Provision(id=name, label=name, kind=ProvisionKind.SECTION, paragraphs=parts)


def _deleted_section(*subsections: str) -> list[Finding]:
    kept = Provision(id="s9", label="Sec. 9", text=KEPT[1], kind=ProvisionKind.SECTION)
    old = Round(info=RoundInfo(label="old", language="en"), provisions=(_section("Sec. 4", *subsections), kept))
    new = Round(info=RoundInfo(label="new", language="en"), provisions=(kept,))
    return [f for f in compare(old, new).findings if f.code == "commitment-deleted"]


def test_a_subsection_spelling_out_a_deleted_sections_duty_is_no_commitment_of_its_own() -> None:
    # "Such grant", "a shelter provided for under this section": the later subsections spell
    # out the duty of the first; the section deleted whole is one commitment gone.
    found = _deleted_section("The Secretary shall make a grant to each eligible county for a flood shelter.",
                             "Such grant shall cover the full cost of the shelter.",
                             "A shelter provided for under this section shall meet the building code of the State.")
    assert [f.old_words for f in found] == ["The Secretary shall make a grant to each eligible county for a flood shelter."]
    # Duties of their own in the other subsections are each a commitment gone.
    found = _deleted_section("The Secretary shall make a grant to each eligible county for a flood shelter.",
                             "The Governor shall report to Congress every year on the shelters.")
    assert len(found) == 2
