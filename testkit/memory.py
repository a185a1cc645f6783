"""Peak resident memory of the current process, itself and nothing else.

ru_maxrss survives fork and exec, so a child started from a big parent (a
pytest run with QGIS loaded, a benchmark that just generated a cache)
reports the parent's mark. Linux lets a process reset its own mark through
/proc/self/clear_refs and read it back as VmHWM; elsewhere ru_maxrss is the
best there is.
"""
import resource

_RESETTABLE = []


def reset_peak():
    """Start counting from now; True when the platform allows it."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    _RESETTABLE.append(True)
    return True


def _status_kib(field):
    """A ``/proc/self/status`` field in KiB (``VmHWM``, ``VmSize``), or None."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def peak_kib():
    """Peak resident memory since reset_peak (or since start where it cannot reset)."""
    if _RESETTABLE:
        peak = _status_kib("VmHWM")
        if peak is not None:
            return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def address_space_kib():
    """The address space mapped now (VmSize), 0 where unknown."""
    return _status_kib("VmSize") or 0
