"""The one exception type of the enforce package.

Kept in its own module, free of imports from the native extension, because
the extension raises it: it looks ``enforce._errors.Error`` up the first time
a call into libenforce fails.
"""

__all__ = ["Error"]


class Error(Exception):
    """A libenforce failure.

    ``code`` is the stable name of the error (``"io"``, ``"yaml_syntax"``,
    ``"unknown_benchmark"`` ... see docs/error-codes.md), or ``"closed"``
    when an object was used after ``close()``.  ``message`` is the library's
    one-line message, with ``file:line:col`` or the case field path where
    there is one.  ``diagnostics`` holds every problem of a failed rule-set
    load (dicts as in docs/json-output.md, "Diagnostics"); it is empty for
    other failures.
    """

    def __init__(self, code, message, diagnostics=()):
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.diagnostics = list(diagnostics)

    def __str__(self):
        return f"{self.message} [{self.code}]"

    def __reduce__(self):
        return (type(self), (self.code, self.message, self.diagnostics))


Error.__module__ = "enforce"
