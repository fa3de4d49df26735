"""Course editions: the instructor's full course and the learner edition released from it.

A door for instructors: it may import the pipeline and every layer below it.
Which suite files are instructor-only is course data, kept in
:mod:`grader.course.edition_marker`, so the pipeline never imports this package.
"""
