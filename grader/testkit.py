"""What hidden suites import: call learner code and state what they expected.

A suite calls the learner through the ``learner`` fixture and checks the
outcome with :func:`call`::

    def test_century(learner):
        \"\"\"A century is a leap year only when divisible by 400.\"\"\"
        call(learner.leap_year, 1900).returns(False, hint_if={True: "Check the 100 rule."})

A failed expectation raises :class:`Mismatch`, which carries plain data (the
call, what came back, what was expected, and a ``diagnosis`` naming the kind
of mistake) so the feedback layer can phrase it for a beginner. ``call`` also
accepts ordinary Python callables, so the same suite runs in-process for
benchmarks and authoring. :func:`representation`, :func:`equality` and
:func:`attribute` check a learner object's repr, ``==`` and attributes; for
learner objects they are evaluated in the learner's process.

This module is the suites' stable address; the code lives in
:mod:`grader.feedback.expectations`, which the engine imports directly.
"""

from __future__ import annotations

from grader.feedback.expectations import (
    Call,
    Mismatch,
    attribute,
    call,
    equality,
    representation,
    same,
    show,
)

__all__ = ["Call", "Mismatch", "attribute", "call", "equality", "representation", "same", "show"]
