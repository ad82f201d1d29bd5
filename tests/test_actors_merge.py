"""Corpus-level actor merge, on hand-built summaries and articles (no model)."""
from narrascope.model import Actor, Article, Entity
from narrascope.stages.actors_merge import ActorMerger, ActorSummary, apply_remap, merge_actors, summarize_article


def summary(actor_id, *names, roles=None, mentions=None):
    counts = {name: 1 for name in names}
    return ActorSummary(actor_id, counts, dict.fromkeys(roles or [], 1), mentions or len(names))


def article(article_id, *entities):
    actors = list(dict.fromkeys(e.actor_id for e in entities if e.actor_id))
    return Article(id=article_id, source=article_id, raw="", raw_format="text", entities=list(entities), actors=actors)


def by_id(actors):
    return {a.id: a for a in actors}


def test_surname_alone_joins_the_one_person_with_that_surname():
    actors, remap = merge_actors([
        [summary("person:anika-sorell", "Anika Sorell", "Sorell", roles=["Velorian Foreign Minister"])],
        [summary("person:sorell", "Sorell", "Sorell")],
    ])
    assert remap == {"person:sorell": "person:anika-sorell"}
    sorell = by_id(actors)["person:anika-sorell"]
    assert sorell.name == "Anika Sorell"
    assert sorell.type == "person"
    assert sorell.article_count == 2 and sorell.mention_count == 4
    assert "Velorian Foreign Minister" in sorell.aliases and "Sorell" in sorell.aliases
    assert "person:sorell" not in by_id(actors)


def test_ambiguous_surname_stays_separate():
    actors, remap = merge_actors([
        [summary("person:anika-sorell", "Anika Sorell")],
        [summary("person:tomas-sorell", "Tomas Sorell")],
        [summary("person:sorell", "Sorell")],
    ])
    assert remap == {}
    assert {"person:anika-sorell", "person:tomas-sorell", "person:sorell"} <= set(by_id(actors))


def test_initial_joins_the_compatible_full_name_only():
    actors, remap = merge_actors([
        [summary("person:marek-oduya", "Marek Oduya")],
        [summary("person:m-oduya", "M. Oduya", "Oduya")],
        [summary("person:l-vask", "L. Vask")],
        [summary("person:anika-vask", "Anika Vask")],
    ])
    assert remap["person:m-oduya"] == "person:marek-oduya"
    assert "person:l-vask" not in remap  # L. is not Anika


def test_full_name_is_not_demoted_by_its_frequent_surname():
    """The local actor's most frequent name is the surname; it must still count as a full name."""
    actors, remap = merge_actors([
        [ActorSummary("person:anika-sorell", {"Anika Sorell": 1, "Sorell": 9}, {}, 10)],
        [ActorSummary("person:reuters-sorell", {"Reuters Sorell": 1}, {}, 1)],
    ])
    assert "person:anika-sorell" not in remap
    assert by_id(actors)["person:anika-sorell"].name == "Anika Sorell"


def test_abbreviation_joins_the_organisation_that_defined_it():
    actors, remap = merge_actors([
        [summary("org:veloria-institute-for-strategic-studies", "Veloria Institute for Strategic Studies", "VISS")],
        [summary("org:viss", "VISS", "VISS")],
    ])
    assert remap == {"org:viss": "org:veloria-institute-for-strategic-studies"}
    institute = by_id(actors)["org:veloria-institute-for-strategic-studies"]
    assert institute.name == "Veloria Institute for Strategic Studies"
    assert institute.aliases == ["VISS"]
    assert institute.type == "organisation"


def test_abbreviation_by_initials_only_when_unique():
    _, remap = merge_actors([
        [summary("org:marrow-ledger", "Marrow Ledger")],
        [summary("org:ml", "ML")],
        [summary("org:dravik-times", "Dravik Times")],
        [summary("org:dt", "DT")],
        [summary("org:daily-telegraph", "Daily Telegraph")],
    ])
    assert remap["org:ml"] == "org:marrow-ledger"
    assert "org:dt" not in remap  # two organisations with initials DT


def test_one_name_under_two_types_takes_the_majority_type():
    _, remap = merge_actors([
        [summary("org:dravik", "Dravik")],
        [summary("gpe:dravik", "Dravik", "Dravik", "Dravik")],
    ])
    assert remap == {"org:dravik": "gpe:dravik"}


def test_surname_mislabelled_as_organisation_joins_the_person():
    _, remap = merge_actors([[summary("person:tomas-brenn", "Tomas Brenn")], [summary("org:brenn", "Brenn")]])
    assert remap == {"org:brenn": "person:tomas-brenn"}


def test_metonym_is_linked_and_its_target_exists():
    actors, _ = merge_actors([[summary("org:kremlin", "Kremlin")]])
    table = by_id(actors)
    assert table["org:kremlin"].linked_to == "gpe:russia"
    assert table["org:kremlin"].name == "Kremlin"
    assert table["gpe:russia"].name == "Russia" and table["gpe:russia"].article_count == 0


def test_summaries_and_remap_from_articles():
    first = article(
        "a1",
        Entity("Velorian President", "ROLE", 0, 18, "person:marek-oduya"),
        Entity("Marek Oduya", "PERSON", 19, 30, "person:marek-oduya"),
        Entity("Oduya", "ORG", 40, 45, "person:marek-oduya"),
        Entity("Monday", "DATE", 50, 56),
    )
    second = article("a2", Entity("Oduya's", "PERSON", 0, 7, "person:oduya"))
    summaries = summarize_article(first)
    assert summaries == [ActorSummary("person:marek-oduya", {"Marek Oduya": 1, "Oduya": 1}, {"Velorian President": 1}, 3)]
    actors, remap = merge_actors([first, second])
    apply_remap(second, remap)
    assert second.entities[0].actor_id == "person:marek-oduya"
    assert second.actors == ["person:marek-oduya"]
    assert by_id(actors)["person:marek-oduya"].article_count == 2


def test_seeded_table_takes_part_in_later_batches():
    earlier = Actor("person:anika-sorell", "Anika Sorell", "person", ["Sorell"], article_count=5, mention_count=12)
    merger = ActorMerger()
    merger.seed([earlier])
    merger.add([summary("person:sorell", "Sorell")])
    actors, remap = merger.finalize()
    assert remap == {"person:sorell": "person:anika-sorell"}
    sorell = by_id(actors)["person:anika-sorell"]
    assert sorell.article_count == 6 and sorell.mention_count == 13


def test_merger_holds_one_entry_per_actor_not_per_article():
    merger = ActorMerger()
    for i in range(500):
        merger.add([summary("org:marrow-ledger", "Marrow Ledger"), summary("gpe:veloria", "Veloria")])
    assert len(merger.entries) == 2
    actors, _ = merger.finalize()
    assert by_id(actors)["org:marrow-ledger"].article_count == 500


def test_role_placeholder_takes_the_one_person_with_a_matching_title():
    actors, remap = merge_actors([
        [summary("person:marek-oduya", "Marek Oduya", roles=["Velorian President"])],
        [summary("person:lena-vask", "Lena Vask", roles=["Ostrian President"])],
        [ActorSummary("role:velorian-leader", {}, {"Velorian leader": 1}, 1)],
        [ActorSummary("role:dravik-mayor", {}, {"Dravik mayor": 1}, 1)],
    ])
    assert remap["role:velorian-leader"] == "person:marek-oduya"
    assert remap["role:dravik-mayor"] is None  # nobody holds that title: stays unresolved
    assert not [a for a in actors if a.id.startswith("role:")]


def test_role_placeholder_with_two_title_holders_stays_unresolved():
    _, remap = merge_actors([
        [summary("person:marek-oduya", "Marek Oduya", roles=["Velorian President"])],
        [summary("person:ilse-oduya", "Ilse Kant", roles=["Velorian President"])],  # a later president
        [ActorSummary("role:velorian-president", {}, {"Velorian President": 1}, 1)],
    ])
    assert remap["role:velorian-president"] is None


def test_apply_remap_updates_later_stages_ids_and_drops_untied_roles():
    from narrascope.model import Statement

    art = article("q", Entity("Velorian leader", "ROLE", 0, 15, "role:velorian-leader"),
                  Entity("Dravik mayor", "ROLE", 20, 32, "role:dravik-mayor"))
    art.quotes = [Statement("the Velorian leader", "role:velorian-leader", None, "said", "x", "direct", 40, 41)]
    apply_remap(art, {"role:velorian-leader": "person:marek-oduya", "role:dravik-mayor": None})
    assert [e.actor_id for e in art.entities] == ["person:marek-oduya", None]
    assert art.actors == ["person:marek-oduya"]
    assert art.quotes[0].speaker_actor_id == "person:marek-oduya"


def test_seeded_role_aliases_stay_roles():
    earlier = Actor("person:kestrel", "Kestrel", "person", ["Velorian intelligence chief"], 1, 1)
    merger = ActorMerger()
    merger.seed([earlier])
    merger.add([ActorSummary("role:velorian-intelligence-chief", {}, {"Velorian intelligence chief": 1}, 1)])
    actors, remap = merger.finalize()
    assert by_id(actors)["person:kestrel"].name == "Kestrel"
    assert remap["role:velorian-intelligence-chief"] == "person:kestrel"
