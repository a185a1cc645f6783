"""The core's Feedback over a QgsProcessingFeedback: progress bar, cancel button, log."""
from ..tilecache.feedback import Feedback


class QgisFeedback(Feedback):
    """Progress (one text line per new message), cancel and log of a Processing run."""

    def __init__(self, feedback):
        self._feedback = feedback
        self._last = None

    def progress(self, fraction, message=None):
        self._feedback.setProgress(100.0 * max(0.0, min(1.0, fraction)))
        # One line per new message: per bundle, not per tile.
        if message and message != self._last:
            self._last = message
            self._feedback.setProgressText(message)

    def is_cancelled(self):
        return self._feedback.isCanceled()

    def info(self, message):
        self._feedback.pushInfo(message)

    def warning(self, message):
        self._feedback.pushWarning(message)
