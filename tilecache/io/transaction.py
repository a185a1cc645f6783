"""All-or-nothing changes to files: temporaries beside their targets, renamed in order.

Importing prepares every new file under a temporary name first; only when all
are ready are they renamed into place. A failure or cancel before that point
removes the temporaries and leaves the targets untouched; a crash during the
renames leaves each file wholly old or wholly new.
"""
import os

from .atomic import fsync_path, remove_path, temp_sibling


class FileTransaction:
    """Owns its temporary files and the order in which they replace their targets."""

    def __init__(self):
        self._temps = []
        self._first = []
        self._steps = []

    def temp_for(self, target):
        """A fresh temporary name beside ``target``, removed again on rollback."""
        temp = temp_sibling(target)
        self._temps.append(temp)
        return temp

    def replace(self, temp, target, first=False):
        """At commit, rename ``temp`` onto ``target``; ``first`` ones go before the rest."""
        (self._first if first else self._steps).append((temp, target))

    def remove(self, target):
        """At commit, delete ``target`` (a file a new one supersedes), in order."""
        self._steps.append((None, target))

    def __len__(self):
        return len(self._first) + len(self._steps)

    def rollback(self):
        for temp in self._temps:
            remove_path(temp)
        self._temps, self._first, self._steps = [], [], []

    def commit(self, feedback, message):
        """Rename everything into place; ``feedback`` hears progress over the renames."""
        steps = self._first + self._steps
        # Data on disk before any name points at it; the renames then follow quickly.
        for temp, _target in steps:
            if temp is not None:
                fsync_path(temp)
        folders = set()
        for number, (temp, target) in enumerate(steps):
            feedback.progress(number / len(steps), message)
            if temp is None:
                remove_path(target)
                continue
            os.replace(temp, target)
            folders.add(os.path.dirname(target))
        for folder in folders:
            fsync_path(folder)
        self._temps, self._first, self._steps = [], [], []
