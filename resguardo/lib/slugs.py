from django.db.models import Model, QuerySet
from django.utils.text import slugify


def free_slug(queryset: "QuerySet[Model]", text: str, *, fallback: str = "item") -> str:
    """A slug for a new row named `text` that no row of `queryset` has: `name`, `name-2`…"""
    base = slugify(text)[:190].strip("-") or fallback
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
