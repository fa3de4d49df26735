"""Mistake: a claimed job stays claimed forever, so a job whose server died mid-attempt never runs again.

Hint: A job left 'running' by a worker that is gone must be due again once its lease_until has passed:
put "OR (status = 'running' AND lease_until < now)" in next_due's WHERE and in claim's.

Only job_store.py differs from the reference solution (DUE: only queued jobs are due).

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
