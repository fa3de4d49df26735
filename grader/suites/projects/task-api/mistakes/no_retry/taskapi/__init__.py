"""Mistake: a job whose attempt fails is failed at once, never retried.

Hint: An attempt that raises is not the end of the job: put it back in the queue (status queued, a
later run_after) until it has had MAX_ATTEMPTS attempts, and only then mark it failed.

Only jobs.py differs from the reference solution (JobService._failed).

Read the modules in this order; each one only knows about the ones after it:

* ``__main__.py``  starts the server (``python -m taskapi --db tasks.db``)
* ``routes.py``    HTTP: requests in, responses out, nothing else
* ``errors.py``    the one place that turns failures into problem responses
* ``schemas.py``   the shape of requests and responses, checked at the edge
* ``service.py``   the rules: users, tasks, versions, duplicates, pages
* ``repository.py`` storage: the only code that speaks SQL
* ``jobs.py``      background jobs and the workers that run them (milestone 11)
* ``job_store.py`` the jobs table: the only SQL about jobs
"""
