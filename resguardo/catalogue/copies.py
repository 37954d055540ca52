"""The ways to get a resource, each with what it costs on a slow link."""

from dataclasses import dataclass

from django.urls import reverse

from resguardo.catalogue import light, reading
from resguardo.catalogue.models import LightVersion, Resource, reading_languages
from resguardo.catalogue.sizes import human_size, transfer_time

# Roughly what the page around a part adds on the wire (header, footer, inlined CSS).
PAGE_OVERHEAD = 2_500


@dataclass(frozen=True)
class Copy:
    kind: str  # "file", "text", "txt", and for a recording "audio", "video" (light ones)
    url: str
    size: int
    format: str = ""
    parts: int = 0
    width: int | None = None
    height: int | None = None

    @property
    def human_size(self) -> str:
        return human_size(self.size)

    @property
    def time(self) -> str:
        return transfer_time(self.size)


@dataclass(frozen=True)
class Copies:
    file: Copy | None
    text: Copy | None
    txt: Copy | None
    light: tuple[Copy, ...] = ()  # a recording's light versions, lightest first
    light_state: str = ""  # light.READY, PREPARING, FAILED, or NONE for a document

    @property
    def by_size(self) -> list[Copy]:
        """A recording's copies, lightest first: its light versions and the file as sent
        (a voice note may be lighter than its light audio, but no browser plays AMR)."""
        return sorted([*self.light, *([self.file] if self.file else [])], key=lambda c: c.size)

    @property
    def listen(self) -> Copy | None:
        """What the page's player plays: the light audio."""
        return next((c for c in self.light if c.kind == LightVersion.Kind.AUDIO), None)

    @property
    def watch(self) -> Copy | None:
        return next((c for c in self.light if c.kind == LightVersion.Kind.VIDEO), None)

    @property
    def held(self) -> bool:
        """Whether the library holds a copy of its own (a link elsewhere is not one)."""
        return bool(self.file or self.text)

    @property
    def text_saving(self) -> int:
        """How much lighter the first part of the text is than the file, in percent."""
        if not (self.file and self.text and self.file.size):
            return 0
        return max(0, round(100 * (1 - self.text.size / self.file.size)))


def copies(resource: Resource, *, has_text: bool) -> Copies:
    """`has_text` is passed in so the caller may leave the full text unloaded."""
    file = text = txt = None
    if resource.file:
        size = resource.file_size or 0
        if not size:
            try:
                size = resource.file.size
            except OSError:
                size = 0
        file = Copy("file", reverse("catalogue:file", args=[resource.slug]), size,
                    format=(resource.file_format or "").upper())
    if has_text:
        document = reading.for_resource(resource)
        if document.parts:
            first = document.parts[0].compressed_size + PAGE_OVERHEAD
            text = Copy("text", reverse("catalogue:text", args=[resource.slug]), first,
                        parts=len(document.parts))
            txt = Copy("txt", reverse("catalogue:text-txt", args=[resource.slug]),
                       document.plain_text_compressed_size, format="TXT")
    if not resource.recording:
        return Copies(file, text, txt)
    versions = light.versions(resource)
    made = tuple(Copy(v.kind, reverse("catalogue:light", args=[resource.slug, v.kind]),
                      v.size, format=v.format.upper(), width=v.width, height=v.height)
                 for v in versions)
    return Copies(file, text, txt, light=made, light_state=light.state(resource, versions))


def in_reader_language(resource: Resource, versions: list[Resource]) -> bool:
    """Whether the work is in the page's language, in this version or another (their
    languages prefetched: no query)."""
    codes = set(reading_languages())
    return any(language.code in codes
               for version in [resource, *versions] for language in version.languages.all())
