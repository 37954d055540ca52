"""The front of the site: the home page and the sitemap, which gather what the catalogue,
the knowledge pages and the trainings show. It sits above those apps, so none of them has
to import another to be shown beside it."""
