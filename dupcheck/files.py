"""Writing a file without ever leaving half of it: what reports and baselines share."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def replace_text_file(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temporary file beside it, renamed over it.

    The file gets the mode the one it replaces had (a 0640 baseline stays 0640), and a new
    one the umask's, as a plain ``open`` would give it; a link is followed, so it is the file
    it names that is replaced. An ``OSError`` says why it could not be written.
    """
    target = path.resolve()
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
