"""One place per exercise kind: what a kind adds to the shared pipeline.

``finish`` is the pipeline's single entry point after a run (debug fix size,
refactor metrics, an untouched project starter); ``growth``,
``learner_tests``, ``learner_programs`` and ``project_layers`` are what suites
of the growth, write-tests and project kinds call while they run; ``differential`` compares
the learner's code with the ``original`` program (a refactor's starter, a
debug exercise's reference) on generated inputs.

May import: ``grader.boundary`` and everything below it. Never the pipeline
or a door.
"""
