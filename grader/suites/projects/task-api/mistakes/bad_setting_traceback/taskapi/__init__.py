"""Mistake: a bad TASKAPI_ value escapes as a ValueError, so the server dies with a traceback.

Hint: Catch each bad TASKAPI_ value and raise ConfigError with one line naming the variable and its value
("TASKAPI_PORT must be a whole number from 1 to 65535, got 'eighty'"); __main__ prints it and exits 2.

The operator gets thirty lines of stack instead of the one that matters.
Only config.py differs from the reference solution.

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
