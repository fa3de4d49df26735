"""Course editions: the instructor's full course and the learner edition released from it."""
