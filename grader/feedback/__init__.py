"""What a learner is told: the Feedback model, how it is built, and the wording of every diagnosis.

``model`` holds the frozen results (Feedback, TestResult, Metric) every door
and renderer shares; ``build`` turns one pytest run's report into them;
``diagnosis`` names the mistake; ``compare`` says how two values differ;
``expectations`` is what hidden suites state (``grader.testkit`` re-exports it).

May import: ``grader.course`` and its own modules. Never the boundary, the
pipeline or a door: feedback is built from plain data.
"""
