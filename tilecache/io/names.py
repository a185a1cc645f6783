"""File names as Esri software treats them: matched without regard to case."""


def find_name(names, wanted):
    """The member of ``names`` equal to ``wanted`` ignoring case, or None.

    Caches made on Windows spell conf.xml, conf.cdi and bundle names in any
    case, and Linux file systems keep the spelling they were given.
    """
    found = None
    for name in names:
        if name == wanted:
            return name  # the exact spelling wins when a folder holds both
        if found is None and name.lower() == wanted.lower():
            found = name
    return found
