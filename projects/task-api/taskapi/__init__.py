"""Task API: your capstone project. Start with README.md one folder up.

The package is split in layers; each module only knows the ones after it:

* ``__main__.py``   starts the server (given: ``python -m taskapi --db tasks.db``)
* ``routes.py``     HTTP: requests in, responses out, nothing else
* ``errors.py``     the one place that turns failures into problem responses
* ``schemas.py``    the shape of requests and responses, checked at the edge
* ``service.py``    the rules: users, tasks, versions, duplicates, pages
* ``repository.py`` storage: the only code that speaks SQL
* ``jobs.py``       background jobs and the workers that run them (milestone 11)
* ``job_store.py``  the jobs table: the only SQL about jobs (milestone 11)
"""
