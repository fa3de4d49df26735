"""Plain pytest and unittest suites behind the boundary: ``import solution`` gives a proxy.

``module_import`` installs the proxy, ``values`` reads the learner's names,
``assertions`` explains a failed plain ``assert``, ``refusals`` and ``scan``
say what a suite asks that cannot cross, and ``import_tests`` brings a folder
of exercises with their own tests into a course.

May import: ``grader.boundary`` and everything below it. Never the pipeline
or a door.
"""
