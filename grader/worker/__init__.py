"""What runs in the learner's process, beside the learner's code: standard library only.

``main`` is the worker script, started by path (``python -I -S
grader/worker/main.py``); it loads the other modules here by path too, never
as ``grader.*``, because the learner's process must not import the grader
package. The trusted side imports ``wire``, ``kept_arguments``,
``pipe_reading`` and ``step_counter`` as ordinary modules, so both sides
speak the same protocol; ``wire`` loads ``value_types`` and
``value_builders`` by path on both sides, on first use.

May import: the standard library only, and nothing else of the grader.
"""
