from django.db.models import Model, QuerySet
from django.utils.text import slugify


def numbered(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… the first that is not in `taken`."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def free_slug(queryset: "QuerySet[Model]", text: str, *, fallback: str = "item") -> str:
    """A slug for a new row named `text` that no row of `queryset` has: `name`, `name-2`…"""
    base = slugify(text)[:190].strip("-") or fallback
    return numbered(base, set(queryset.filter(slug__startswith=base)
                              .values_list("slug", flat=True)))
