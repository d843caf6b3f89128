"""Progress bars for management commands, drawn on the command's own stderr."""

from tqdm import tqdm


class ProgressStream:
    """Lets tqdm draw on a command's stderr.

    Django's OutputWrapper ends every write with a newline and colours stderr as
    an error; a progress bar redraws one line with carriage returns.
    """

    def __init__(self, wrapper):
        self.wrapper = wrapper
        # tqdm draws with block characters only when the stream says it can.
        self.encoding = getattr(wrapper, "encoding", None)

    def write(self, text: str) -> None:
        self.wrapper.write(text, style_func=str, ending="")

    def flush(self) -> None:
        self.wrapper.flush()


def progress_bar(command, *, total: int, desc: str, verbosity: int, unit: str = " articles") -> tqdm:
    """A bar on ``command``'s stderr, shown only on a terminal and when not silenced."""
    return tqdm(
        total=total,
        unit=unit,
        desc=desc,
        file=ProgressStream(command.stderr),
        disable=verbosity == 0 or not command.stderr.isatty(),
    )
