"""The core's Feedback over a QgsTask: its progress bar and its cancel button."""
from ..tilecache.feedback import Feedback


class TaskFeedback(Feedback):
    def __init__(self, task):
        self._task = task

    def progress(self, fraction, message=None):
        self._task.setProgress(100.0 * max(0.0, min(1.0, fraction)))

    def is_cancelled(self):
        return self._task.isCanceled()
