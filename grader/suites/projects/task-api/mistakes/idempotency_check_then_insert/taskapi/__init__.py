"""Mistake: the Idempotency-Key is looked up, the task inserted and the key stored, each on its own.

Hint: Two requests with the same Idempotency-Key can both find it unused before either stores it:
look the key up, insert the task and store the key in one transaction (BEGIN IMMEDIATE), so the
second request waits and then replays the first one's answer.

One request at a time works perfectly (replays, reused keys, restarts); only
simultaneous retries create the task twice, or collide on its title. Only
repository.py differs from the reference solution.

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
