"""The trusted side of the process boundary: start, call, limit, sandbox and stop learner workers.

``process`` starts and times one worker; ``remote`` turns calls, attributes
and objects into requests (``object_uses``: ``==``, ``len``, ``for`` ... on a
learner object, done in the worker); ``sandbox`` wraps a worker in bubblewrap;
``reaper`` stops whatever a run left behind. Nothing here trusts a value from
the worker: replies are decoded as plain data only.

May import: ``grader.worker``, ``grader.feedback``, ``grader.course`` and its
own modules.
"""
