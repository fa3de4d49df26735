"""Hidden tests for the fix-undo debug exercise."""

import pytest

from grader.testkit import call

# Why True, not 1: said in the message when the type is wrong.
A_BOOL = "the README asks for a bool: a caller may test `undo() is False`"


@pytest.mark.points(3)
def test_undo_removes_an_added_line(learner):
    """After adding two lines, undo takes the second one away, and undo again the first."""
    doc = learner.Document()
    doc.add_line("Dear team,")
    doc.add_line("the release is late.")
    call(doc.undo).returns(True, exact_type=A_BOOL)
    call(doc.lines).returns(["Dear team,"])
    call(doc.undo).returns(True, exact_type=A_BOOL)
    call(doc.lines).returns([])


@pytest.mark.points(2)
def test_undo_brings_back_a_replaced_line(learner):
    """Undoing a replace brings back the old text of the line."""
    doc = learner.Document()
    doc.add_line("Dear team,")
    doc.replace_line(0, "Hi all,")
    call(doc.lines).returns(["Hi all,"])
    call(doc.undo).returns(True, exact_type=A_BOOL)
    call(doc.lines).returns(["Dear team,"])


@pytest.mark.points(2)
def test_undo_brings_back_a_deleted_line_in_its_place(learner):
    """Undoing a delete puts the line back where it was."""
    doc = learner.Document()
    for text in ["one", "two", "three"]:
        doc.add_line(text)
    doc.delete_line(1)
    call(doc.lines).returns(["one", "three"])
    call(doc.undo).returns(True, exact_type=A_BOOL)
    call(doc.lines).returns(["one", "two", "three"])


def test_lines_is_a_copy(learner):
    """lines() returns a new list: changing it cannot change the document."""
    doc = learner.Document()
    doc.add_line("Dear team,")
    harm = "a caller who changes it changes the document behind undo's back"
    call(doc.lines).returns_copy(["Dear team,"], harm)


def test_nothing_to_undo(learner):
    """undo() on a new document returns False, and after undoing everything it returns False again."""
    doc = learner.Document()
    call(doc.undo).returns(False, exact_type=A_BOOL)
    call(doc.lines).returns([])
    doc.add_line("only line")
    call(doc.undo).returns(True, exact_type=A_BOOL)
    call(doc.undo).returns(False, exact_type=A_BOOL)


@pytest.mark.points(2)
def test_undo_goes_back_one_change_at_a_time(learner):
    """Mixed changes are undone newest first, one per undo."""
    doc = learner.Document()
    doc.add_line("a")
    doc.add_line("b")
    doc.replace_line(0, "A")
    doc.delete_line(1)
    expected = [["A", "b"], ["a", "b"], ["a"], []]
    for lines in expected:
        call(doc.undo).returns(True, exact_type=A_BOOL)
        call(doc.lines).returns(lines)


def test_a_bad_index_is_not_a_change(learner):
    """A bad index raises IndexError and leaves nothing to undo for it."""
    doc = learner.Document()
    doc.add_line("a")
    call(doc.replace_line, 3, "x").raises(IndexError)
    call(doc.replace_line, 1, "x").raises(IndexError)
    call(doc.delete_line, 1).raises(IndexError)
    call(doc.delete_line, -1).raises(IndexError)
    call(doc.lines).returns(["a"])
    call(doc.undo).returns(True, exact_type=A_BOOL)
    call(doc.lines).returns([])


def test_many_changes_and_undos(learner):
    """300 added lines are undone one by one, back to an empty document."""
    doc = learner.Document()
    for n in range(300):
        doc.add_line(f"line {n}")
    for n in range(300, 150, -1):
        if doc.undo() is not True:
            raise AssertionError(f"Called Document.undo() with {n} lines; it did not return True")
    call(doc.lines).returns([f"line {n}" for n in range(150)])
    for _ in range(150):
        doc.undo()
    call(doc.lines).returns([])
    call(doc.undo).returns(False, exact_type=A_BOOL)
