"""Imports made to fail, to test what the plugin does without an optional package."""
import builtins


def hide_packages(monkeypatch, *names):
    """Make ``import name`` (and its submodules) raise ImportError for the test's duration."""
    real_import = builtins.__import__

    def hiding(name, *args, **kwargs):
        if name.split(".")[0] in names:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", hiding)
