"""The columns of the catalogue CSV, named once here, and how a header is read.

A file is UTF-8, with or without a byte order mark (what "CSV UTF-8" in a spreadsheet
writes); the first row names the columns, in any order. Only Title and Type must be there;
a column left out leaves that field of an existing resource as it is, while an empty cell
in a column that is there empties the field. Cells that hold several values separate them
with SEPARATOR (";"), because the names of themes and organisations hold commas.

ID         The resource's identifier: its address on the site, /resources/<ID>/ (letters,
           digits, "-" and "_"). A row with an ID updates the resource with that ID, or
           creates it. A row without one is matched by the identifier made from its title
           (lower case, accents dropped, words joined by "-", at most 200 characters; a
           title with no Latin letters or digits gets "r-" and 12 hex digits of its
           SHA-256). The export always writes the ID, so a file exported and imported again
           updates the same resources.
Title      Required.
Summary    A few sentences; line breaks are kept.
Type       Required, one value: a resource type's name or slug.
Area/themes, Audience
           Themes and audiences, by name or slug.
What works, What is needed
           The coalition's strategies, by name or slug: those that worked for communities
           in the first column, those communities seek support with in the second. A
           strategy in the other group's column is an error. Left out, a column leaves
           that group's strategies of an existing resource as they are.
Language(s)
           Languages by code ("es"), English name ("Spanish") or native name ("Español").
Country/Region
           Countries by ISO 3166 code ("CO", "COL") or name (in English or one of the
           interface's languages), and our regions by name or slug, mixed in one cell.
Organisation
           Publishers by name. One we do not have yet is created; that is not an error.
Year       The year of publication, from 1900 to 2100.
Rating     The coalition's rating, from 1 to 5.
URL        The publisher's copy: an http:// or https:// address.
File       The name of a file in the folder given to `import --files` (a name, never a
           path), attached to the resource. Without --files the name is only checked and
           nothing is attached. The export writes the stored file's name.
Status     published, draft or withdrawn. Left out or empty: a new resource is published
           and an existing one keeps its status (an import never undoes a withdrawal).
Description
           The longer text under the facts on the resource's page; line breaks are kept.
Licence    The licence or permission, as the publisher words it (at most 200 characters):
           free text, as the resource form and a contributor's proposal take it, so there
           is no list of known licences to check it against.
Pages      The number of pages, a whole number from 1. A file read for the resource
           counts its own pages, which win over the cell.
Duration   How long a recording lasts, as hours:minutes:seconds ("1:05:00"); minutes and
           seconds ("45:00") and ISO 8601 ("PT1H5M") are read too.
Same work as
           The IDs of the resource's versions in other languages (the form's "Same work
           as"). Each ID is another line's, or a resource's in the library (whose own
           versions come along); one that names neither is an error. A line may name
           itself, so one cell can be copied to every line of a work. The lines that name
           one another, directly or through others, are one work; an empty cell makes the
           resource a work of its own (unless another line names it), and the versions it
           leaves stay linked to one another. The export writes, on each line, the IDs of
           the other versions.
URL leads to
           What the URL is: empty (or "work") for the work itself, "page" for a page about
           it on the publisher's site (a launch note, a list of manuals), where readers are
           still offered to ask for a copy.

The columns after Status came later; they are written last so that a sheet or a script
reading the export by position still finds the others where they were.

Not carried, on purpose: the file's format and size and its full text (read from the file
itself when it is attached with --files; a document's text would also overflow the 32,767
characters a spreadsheet cell holds), the date the resource was first published in this
library and the dates it was created and changed (the library's own record, not an
editor's: a resource imported into another library is new there).

Terms (types, themes, strategies, audiences, regions) are written by their own names, which are
English, whatever the interface's language, so that a file reads the same everywhere and
imports again as it was; an import also takes their names in the languages they are
translated into.

Names and slugs are compared ignoring case, accents, spaces and punctuation, and "&" is
the same as "and": "guides and manuals", "Guides & Manuals" and "guides-manuals" are one
type. A value we do not know is an error, with the closest one we know as a suggestion.
"""

from resguardo.exports.csv.vocabulary import key

SEPARATOR = ";"

ID = "ID"
TITLE = "Title"
SUMMARY = "Summary"
TYPE = "Type"
THEMES = "Area/themes"
WORKS = "What works"
NEEDED = "What is needed"
AUDIENCES = "Audience"
LANGUAGES = "Language(s)"
PLACES = "Country/Region"
ORGANISATIONS = "Organisation"
YEAR = "Year"
RATING = "Rating"
URL = "URL"
FILE = "File"
STATUS = "Status"
DESCRIPTION = "Description"
LICENCE = "Licence"
PAGES = "Pages"
DURATION = "Duration"
SAME_WORK = "Same work as"
LINK_KIND = "URL leads to"

# The header the export writes, in this order; the import takes these in any order.
COLUMNS = (ID, TITLE, SUMMARY, TYPE, THEMES, WORKS, NEEDED, AUDIENCES, LANGUAGES, PLACES,
           ORGANISATIONS, YEAR, RATING, URL, FILE, STATUS,
           DESCRIPTION, LICENCE, PAGES, DURATION, SAME_WORK, LINK_KIND)
REQUIRED = (TITLE, TYPE)
MULTIPLE = (THEMES, WORKS, NEEDED, AUDIENCES, LANGUAGES, PLACES, ORGANISATIONS, SAME_WORK)

# Other headers people write for the same column (compared like values: case, spaces and
# punctuation aside, so "Language(s)", "languages" and "LANGUAGES" are one).
VARIANTS = {
    ID: ["Identifier", "Slug", "UUID"],
    TYPE: ["Types", "Resource type", "Kind"],
    THEMES: ["Themes", "Theme", "Area", "Areas", "Areas/themes", "Area/theme"],
    WORKS: ["What worked", "Works", "Strategies that work"],
    NEEDED: ["What's needed", "Needed", "Needs", "Strategies needed"],
    AUDIENCES: ["Audiences"],
    LANGUAGES: ["Language", "Languages"],
    PLACES: ["Country", "Countries", "Region", "Regions", "Countries/Regions",
             "Country/Regions", "Countries/Region"],
    ORGANISATIONS: ["Organisations", "Organization", "Organizations", "Publisher",
                    "Publishers"],
    URL: ["Link", "Address", "Web address"],
    FILE: ["File name", "Filename"],
    LINK_KIND: ["Link kind", "Link leads to", "URL is"],
    LICENCE: ["License", "Licence/permission", "Permission", "Rights"],
    PAGES: ["Page count", "Number of pages"],
    DURATION: ["Length", "Running time"],
    SAME_WORK: ["Same work", "Versions", "Translations", "In other languages"],
}

_BY_KEY = {key(name): column for column in COLUMNS
           for name in [column, *VARIANTS.get(column, [])]}


def column_for(header: str) -> str | None:
    """The column a header names, or None for one we do not read."""
    return _BY_KEY.get(key(header))
