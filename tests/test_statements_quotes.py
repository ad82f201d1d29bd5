"""find_quotes: outer quotations in plain text (pure, no model)."""
from narrascope.stages.statements_quotes import find_quotes, trimmed_inner


def inner(text):
    return [text[q.inner_start:q.inner_end] for q in find_quotes(text)]


def test_curly_straight_and_guillemets():
    text = "“One,” she said. \"Two\" and «Three» here."
    assert inner(text) == ["One,", "Two", "Three"]


def test_nested_single_quotes_stay_inside_the_double_quote():
    text = "“He called it ‘a farce’ and left,” Sorell said."
    assert inner(text) == ["He called it ‘a farce’ and left,"]


def test_apostrophes_never_open_or_close_a_quote():
    text = "Veloria's ministers don't agree with the voters' choice, Sorell said."
    assert inner(text) == []


def test_single_quotes_as_outer_marks():
    assert inner("Menks said he would 'negotiate with everyone' soon.") == ["negotiate with everyone"]


def test_quote_left_open_at_paragraph_end_closes_there():
    text = "“The first paragraph of a long quote.\n“The second one,” Sorell said."
    assert inner(text) == ["The first paragraph of a long quote.", "The second one,"]


def test_trimmed_inner_drops_the_comma_before_the_attribution():
    text = "“We are ready,” Sorell said."
    start, end = trimmed_inner(text, find_quotes(text)[0])
    assert text[start:end] == "We are ready"
