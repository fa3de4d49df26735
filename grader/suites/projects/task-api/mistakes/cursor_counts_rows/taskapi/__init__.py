"""Mistake: the cursor remembers how many tasks were already listed (an offset in disguise), not the last one.

Hint: Your cursor counts how many tasks came before, so a task created or deleted earlier in the order
shifts every later page and a task shows twice or never: put the last task's sort value and id in
the cursor, and continue after that task.

Without changes between pages the walk is right, and the cursor is opaque and
checked like the reference's. Only service.py differs from the reference
solution.

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
