"""Mistake: undo() takes the oldest snapshot with pop(0), so it jumps back to the start.

Hint: Each undo brings back the lines as they were just before the newest change: take the snapshot
on top of the stack with pop(), not pop(0).
"""


class Document:
    """Lines of text and a stack of earlier versions, newest on top."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._history: list[list[str]] = []  # one snapshot of the lines before each change

    def _remember(self) -> None:
        """Push the current lines onto the history, before a change."""
        self._history.append(list(self._lines))

    def add_line(self, text: str) -> None:
        """Add a line at the end."""
        self._remember()
        self._lines.append(text)

    def replace_line(self, index: int, text: str) -> None:
        """Replace the line at ``index``; IndexError if there is none."""
        self._check_index(index)
        self._remember()
        self._lines[index] = text

    def delete_line(self, index: int) -> None:
        """Delete the line at ``index``; IndexError if there is none."""
        self._check_index(index)
        self._remember()
        del self._lines[index]

    def undo(self) -> bool:
        """Go back one change; return False when there is nothing to undo."""
        if not self._history:
            return False
        self._lines = self._history.pop(0)
        return True

    def lines(self) -> list[str]:
        """Return a list of the current lines."""
        return list(self._lines)

    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self._lines):
            raise IndexError(f"no line {index}: the document has {len(self._lines)} lines")
