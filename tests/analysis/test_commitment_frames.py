"""What a sentence commits to (issue 11): a construction or saving clause and a notice
template for source files bind no one, and duty wording the rules did not know ("are to", passive "are urged to") is read on its ladder.
Every positive case fails on 5f57799; each guard keeps the false reading out."""

from __future__ import annotations

from test_commitment_sentences import codes, run

OLD = "Armenia shall report on its stockpiles every year."
KEPT = ("Article 9", "The depositary shall be the Secretary-General of the United Nations.")


def test_a_construction_clause_added_or_deleted_is_no_commitment() -> None:
    for clause in ("Nothing in this Agreement shall be construed as limiting the rights of Azerbaijan under the Charter.",
                   "Notwithstanding the above, nothing herein shall supersede the terms of any separate arrangement between the Parties.",
                   "Nothing in this Article shall prevent a Party from requesting consultations at any time.",
                   "Nothing herein is intended or shall be deemed to constitute an admission of responsibility.",
                   "This Article shall not be interpreted as a waiver of any claim of either Party.",
                   "This Section does not limit the right of Armenia to inspect the sites."):
        assert codes(OLD, f"{OLD} {clause}") == [], clause
        assert codes(f"{OLD} {clause}", OLD) == [], clause
    # Nor when a whole article of them comes or goes.
    saving = ("Article 5", "Nothing in this Agreement shall be construed as prejudicing the position of either Party on the border.")
    assert [f.code for f in run([KEPT], [KEPT, saving])] == []
    assert [f.code for f in run([KEPT, saving], [KEPT])] == []


def test_an_operative_sentence_that_opens_like_a_saving_clause_still_binds() -> None:
    # "Notwithstanding …" followed by a duty or a permission is operative: only "nothing …
    # shall be construed / prevent / limit" states how to read the rest.
    for sentence in ("Notwithstanding any other provision of this Agreement, Azerbaijan may send observers to the sites.",
                     "Notwithstanding paragraph 2, Armenia shall notify Azerbaijan of every exercise.",
                     "No Party shall construct new fortifications within the zone."):
        assert codes(OLD, f"{OLD} {sentence}") == ["commitment-added"], sentence


def test_are_to_is_a_duty_weaker_than_shall() -> None:
    found = run([("Article 3", "All Parties shall undertake ambitious efforts to reduce emissions.")],
                [("Article 3", "All Parties are to undertake ambitious efforts to reduce emissions.")])
    assert [(f.code, f.old_words, f.new_words) for f in found] == [("obligation-weakened", "shall", "are to")]
    assert "'are to'" in found[0].explanation
    assert codes(OLD, f"{OLD} Each Party is to communicate its plan every five years.") == ["commitment-added"]


def test_a_purpose_clause_with_is_to_binds_no_one() -> None:
    # "is to" after anything but a party states a purpose, not a duty.
    assert codes(OLD, f"{OLD} The purpose of this Article is to make the exchange of data easier.") == []
    assert codes(OLD, f"{OLD} The aim is to reduce the number of incidents.") == []


def test_passive_requests_urgings_and_invitations_commit() -> None:
    # "are invited to" reads as "are encouraged to" does; "are urged to" and "is requested to"
    # as the decision verbs "urges" and "requests" do.
    assert codes(OLD, f"{OLD} Observers are invited to submit their views to the secretariat.") == ["commitment-added"]
    urged = ("Article 5", "States not party to this Agreement are urged to accede to it.")
    assert [f.code for f in run([KEPT], [KEPT, urged])] == ["commitment-added"]
    found = run([("Article 4", "The Commission is requested to publish a report on the exercises.")],
                [("Article 4", "The Commission is urged to publish a report on the exercises.")])
    assert [(f.code, f.old_words, f.new_words) for f in found] == [("obligation-weakened", "is requested to", "is urged to")]


def test_a_notice_template_for_source_files_binds_no_one() -> None:
    licence = "You may copy and distribute the Work in any medium, provided that You keep this notice intact."
    for notice in ("You may not use this file except in compliance with the Licence.",
                   "If a copy of the Licence was not distributed with this\nfile, You can obtain one at the address below.",
                   "If you keep the provisions above, a recipient may use your version of this file under either licence."):
        assert codes(licence, f"{licence} {notice}") == [], notice
        assert codes(f"{licence} {notice}", licence) == [], notice
    # A duty about files is still a duty: only "this file", the file the notice stands in, marks a template.
    assert codes(licence, f"{licence} You must cause any modified files to carry prominent notices stating that You changed them.") \
        == ["commitment-added"]
