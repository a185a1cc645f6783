"""qgis_process output: each error of a tile algorithm printed once.

QGIS 3.22's qgis_process prints every error of every algorithm three times on
stderr (native:raiseexception too): ``QgsProcessingAlgorithm::runPrepared``
logs the exception to the message log, then hands it to the feedback, whose
console form prints "ERROR:<tab>text" and logs it again; and qgis_process
prints every critical message of the log. With ``--json`` the feedback
prints nothing, and only the two log copies remain.

Inside qgis_process only, ``install`` replaces that printer of the message
log by ``ConsolePrinter``, which prints the same messages except the two log
copies of an error a tile algorithm raised (``raised``): the "ERROR:" line
stays, and with ``--json`` the first copy. The QGIS desktop and
``processing.run`` are left alone: there the log is the Log Messages panel,
and the dialog's log shows the feedback's one line.
"""
import collections
import sys

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

#: How often QGIS logs an exception that leaves processAlgorithm or prepareAlgorithm:
#: once where it is caught, once in QgsProcessingFeedback::reportError.
LOG_COPIES = 2

_printer = None


class ConsolePrinter:
    """Prints critical log messages to stderr, as qgis_process does, less the copies
    of errors already printed by the feedback."""

    def __init__(self, stream, keep_first_copy):
        self.stream = stream
        self.keep_first_copy = keep_first_copy
        self.pending = collections.Counter()

    def expect(self, text):
        self.pending[text] = LOG_COPIES

    def message(self, text, _tag, level):
        if level != Qgis.Critical or "DeprecationWarning:" in text:
            return
        left = self.pending.get(text, 0)
        if left:
            self.pending[text] = left - 1
            if not (self.keep_first_copy and left == LOG_COPIES):
                return
        self.stream.write(text + "\n")
        self.stream.flush()


def install():
    """In qgis_process, take over printing the message log; True when done.

    Left alone when anything besides qgis_process' own printer listens to the
    log: removing a listener another plugin added would silence it.
    """
    global _printer
    if _printer is not None or QgsApplication.platform() != "qgis_process":
        return _printer is not None
    log = QgsApplication.messageLog()
    signal = log.messageReceived[str, str, Qgis.MessageLevel]
    if log.receivers(signal) != 1:
        return False
    signal.disconnect()
    _printer = ConsolePrinter(sys.stderr, "--json" in QCoreApplication.arguments())
    signal.connect(_printer.message)
    return True


def active():
    """True inside qgis_process once ``install`` took over printing."""
    return _printer is not None


def raised(text):
    """``text`` leaves a tile algorithm as an exception: QGIS prints it on its own."""
    if _printer is not None:
        _printer.expect(text)
