"""Backend Path's grader: hidden pytest suites, sandboxed learner code, feedback that teaches."""

__version__ = "0.1.0"
