"""Mistake: the Dockerfile starts the server with a shell-form CMD, so a shell is process 1.

Hint: Write CMD in exec form, CMD ["python", "-m", "taskapi"]: in shell form /bin/sh is process 1 and the
SIGTERM of docker stop never reaches Python, which is killed 10 seconds later mid-request.

hadolint reports it as DL3025. Only the Dockerfile differs from the reference
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
