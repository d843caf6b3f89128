"""How the export and the import report their progress: ``progress(desc, total=…, unit=…)``.

A callable returning a context manager whose value has ``update(n)``, as a tqdm bar
does; the commands pass one that draws on their stderr, tests and other callers none.
"""

from contextlib import AbstractContextManager, nullcontext
from typing import Protocol


class Progress(Protocol):
    def __call__(self, desc: str, *, total: int, unit: str) -> AbstractContextManager: ...


class _Unseen:
    def update(self, n: int = 1) -> None:
        pass


def no_progress(desc: str, *, total: int, unit: str) -> AbstractContextManager:
    return nullcontext(_Unseen())
