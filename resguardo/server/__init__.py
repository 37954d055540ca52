"""Running this install as a web site: `resguardo setup` prepares it (database, the staff's
roles, static files, Django's strings in our variants, the seed library when the catalogue
is empty) and `resguardo serve` runs it under gunicorn. Both sit above every other app (setup
reaches into accounts, catalogue and seeds), as urls.py does, so neither belongs to one of
them; the project package itself holds no commands, being no app."""
