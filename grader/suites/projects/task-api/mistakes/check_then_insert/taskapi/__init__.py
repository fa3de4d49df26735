"""Mistake: duplicate titles checked with SELECT-then-INSERT in Python, without a UNIQUE index.

Hint: A SELECT before the INSERT leaves a gap another request can slip through; let a UNIQUE index
refuse the second INSERT.

Two simultaneous creates of the same title can both pass the SELECT before
either INSERT lands, so both succeed. Only repository.py differs from the
reference solution.

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
