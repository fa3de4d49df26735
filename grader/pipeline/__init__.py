"""The one grading pipeline every door uses: stage, run pytest with our plugin, build feedback.

``grading.grade`` is the entry point. ``runner`` stages files and runs the
suite through the warm pytest server (``warm``, ``server_process``,
``pytest_server``); ``plugin`` is loaded inside that run; ``suite_ids`` knows
which tests a suite defines, so a report is checked against them.

May import: ``grader.kinds``, ``grader.plain`` and everything below them.
Never a door (the command line, notebook, batch, renderers).
"""
