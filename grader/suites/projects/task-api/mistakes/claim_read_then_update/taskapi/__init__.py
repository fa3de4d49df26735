"""Mistake: a job is claimed by reading its status, comparing in Python, then updating it.

Hint: Two workers can both read "queued" before either writes "running"; claim with one UPDATE ...
WHERE id = ? AND status = 'queued', and run the job only when cursor.rowcount is 1.

The SELECT and the UPDATE are two steps, so two workers (threads of one
server, or two servers on one file) can both take the same job and run
it twice. Only job_store.py differs from the reference solution.

Timing: a job is taken twice only when two workers look at the queue at the
same moment, so which of the jobs tests catch it, besides the race test, changes
from run to run.

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
