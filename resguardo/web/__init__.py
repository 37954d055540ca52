"""The site's HTTP edge: the middleware settings.py lists (security headers, kept pages,
compression, browser caching), the upload handler, the context processors, the error
views, the interface languages and their switcher. It sits on top of the apps: it may
import them (the language table, the catalogue's version), and nothing in `lib` may import
it."""
