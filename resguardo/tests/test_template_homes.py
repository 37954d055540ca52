"""One rule for where a template lives: an app's own pages in `<app>/templates/<app>/`,
beside its views; the project's `templates/` only what belongs to no one app (base.html,
the partials several apps include, the error pages, robots.txt, OpenSearch) and the
overrides of Django's own templates (`admin/`), which must be found before the apps'."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

PROJECT = Path(settings.BASE_DIR) / "templates"


def test_no_app_keeps_its_templates_in_the_project_folder() -> None:
    ours = [config for config in apps.get_app_configs() if config.name.startswith("resguardo.")]
    assert ours
    assert [c.label for c in ours if (PROJECT / c.label).exists()] == []


def test_each_app_names_its_templates_after_itself() -> None:
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates"
        if config.name.startswith("resguardo.") and folder.is_dir():
            assert [p.name for p in folder.iterdir()] == [config.label], config.label
