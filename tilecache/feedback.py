"""One object carries progress, cancellation and log lines from the core to its caller.

Every long operation takes a :class:`Feedback` and passes it down (or a
:meth:`Feedback.phase` of it); nothing renames callbacks on the way. The
Processing layer adapts QGIS's feedback to this class; scripts and tests use
:class:`CallbackFeedback` or the silent base class.
"""
from .errors import CancelledError


class Feedback:
    """Silent and never cancelled; subclasses override what they report."""

    def progress(self, fraction, message=None):
        """``fraction`` of the whole operation is done (0.0-1.0); ``message`` says what now."""

    def is_cancelled(self):
        return False

    def info(self, message):
        """A line for the log: something that happened."""

    def warning(self, message):
        """A line for the log that the user should read."""

    def check_cancelled(self):
        """Raise CancelledError when the caller asked to stop: the loops' one test."""
        if self.is_cancelled():
            raise CancelledError()

    def phase(self, start, end):
        """A view whose 0..1 progress lands in ``start``..``end`` of this one.

        Phases are weighted by the work they do, so the bar moves evenly.
        """
        return _Phase(self, start, end)


class CallbackFeedback(Feedback):
    """Feedback built from plain functions, any of which may be omitted."""

    def __init__(self, progress=None, is_cancelled=None, log=None):
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._log = log

    def progress(self, fraction, message=None):
        if self._progress is not None:
            self._progress(fraction, message)

    def is_cancelled(self):
        return bool(self._is_cancelled and self._is_cancelled())

    def info(self, message):
        if self._log is not None:
            self._log(message)

    def warning(self, message):
        if self._log is not None:
            self._log(message)


class _Phase(Feedback):
    def __init__(self, parent, start, end):
        self._parent = parent
        self._start = start
        self._span = end - start

    def progress(self, fraction, message=None):
        fraction = max(0.0, min(1.0, fraction))
        self._parent.progress(self._start + self._span * fraction, message)

    def is_cancelled(self):
        return self._parent.is_cancelled()

    def info(self, message):
        self._parent.info(message)

    def warning(self, message):
        self._parent.warning(message)


#: The feedback of callers that pass none.
SILENT = Feedback()
