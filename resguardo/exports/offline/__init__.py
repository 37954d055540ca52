"""The static copy of the public library: HTML files with relative links, in a zip."""
