"""Tests for paginate() in paginator.py.

Write one test function per claim about paginate(), each named test_...
Run them with `python -m pytest` in this folder; when they all pass, run
`grader check test-paginator`.
"""

import pytest
from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")  # 25 items

# TODO: what each page holds: the first page, for example
#     assert paginate(LETTERS, 1, 10) == {"items": LETTERS[:10], "page": 1, "pages": 3, "total": 25}
# then the other pages: a middle page, and the partly filled last page (its items, pages, total).

# TODO: the edges: a list that fills its last page exactly, an empty list, one item per page.

# TODO: every refusal, with pytest.raises(ValueError, match=...): pages before the first and past
# the last, and per_page values outside 1 to 100. Remember True and "1" are not page numbers.
