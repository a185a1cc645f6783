"""Write-then-rename helpers: outputs appear complete or not at all."""
import os
import shutil
import uuid

#: Every temporary name the core creates carries this marker, so leftovers of
#: a killed run are recognisable and can be cleaned by the next run.
TEMP_MARKER = ".tpt-tmp-"


def temp_sibling(path, suffix=""):
    """A unique temporary name in the same folder (so rename stays atomic)."""
    folder, base = os.path.split(os.path.abspath(path))
    return os.path.join(folder, f"{base}{TEMP_MARKER}{os.getpid()}-{uuid.uuid4().hex[:8]}{suffix}")


def fsync_path(path):
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if os.path.isdir(path) else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_path(path):
    """Remove a file or folder if present; never raises for missing paths."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.lexists(path):
            os.unlink(path)
    except OSError:
        pass


def rename_folder_into_place(temp, output):
    """Rename the folder ``temp`` onto ``output``; an earlier folder there is swapped out
    of the way first, so the output path always holds one complete folder."""
    if os.path.isdir(output):
        old = temp_sibling(output, ".old")
        os.rename(output, old)
        os.rename(temp, output)
        remove_path(old)
    else:
        os.rename(temp, output)


def clean_stale_temps(folder, base):
    """Remove temporaries a killed earlier run left beside ``base`` whose process is gone."""
    prefix = f"{base}{TEMP_MARKER}"
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.startswith(prefix):
            continue
        pid = name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
            continue
        remove_path(os.path.join(folder, name))


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
