"""footer check's cheap depth bound (#23.5): whenever it clears a page, the exact walk agrees."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from icpfile.footer.pages import nesting_depth, surely_within

# Pieces a page is made of, including the ones that make a bound go wrong: the same tag in
# another case, the letters whose lower case is (or starts with) ASCII (K U+212A, İ U+0130) and
# those that only look like it (ı, ſ), raw text and comments holding tags, unclosed raw text.
PIECES = ["<div>", "</div>", "<DIV>", "</Div>", "<b>", "</b>", "<B>", "</b >", "<span class=x>", "</span>",
          "<p>", "</p>", "<li>", "<br>", "<img src=a>", "<script>", "</script>", "<style>", "<!--", "-->",
          "<\u212abd>", "</kbd>", "<kbd>", "</\u212abd>", "<\u0130>", "</i>", "<i>", "<\u017f>", "</s>", "<s>",
          "<\u0131>", "<bk>", "<b\u212a>", "</b\u212a>", "x", "文", " ", "<", ">", "</", "<a href='<b>'>", "</a>",
          "<d" + "i" * 45 + ">", "</d" + "i" * 45 + ">"]
TEXT = ["", "x", "文 ", "-->", ">"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(TEXT)), max_size=40),
       st.integers(min_value=0, max_value=4))
@example([("<b>", "x"), ("</b>", "")], 0)
@example([("<div>", ""), ("<b\u212a>", "x"), ("</b>", "")], 1)
@example([("<s>", "x"), ("</\u017f>", "")], 0)
def test_the_bound_never_clears_a_page_the_walk_finds_too_deep(pieces: list[tuple[str, str]], limit: int) -> None:
    source = "".join(tag + text for tag, text in pieces)
    if surely_within(source, limit):
        assert nesting_depth(source, limit=10**6) <= limit


def test_closed_inline_pairs_are_cleared_without_the_walk_and_open_nesting_is_not() -> None:
    article = "<div>" + "<p>正文 <strong>每个页面</strong> <code>npm run build</code></p>\n" * 3000 + "</div>"
    assert surely_within(article)  # 6,000 start tags, but never more than 2 open
    assert not surely_within("<div>" * 600)
    assert not surely_within("<div><b>x</b>" * 600)
    assert not surely_within("<b\u212a>x</b>" * 600)  # <bk> is not closed by </b>: not a pair
    assert surely_within("<div>x</div>" * 2000)
