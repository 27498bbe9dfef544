"""The documents of a scan: files, folders (recursively) and JSONL manifests.

Listing (``list_sources``) and loading (``load_source``) are separate so that an engine can
spread the loading. Nothing a single input does is fatal: unreadable, binary and empty files
and bad manifest lines become ``Skipped`` records; only a scan left with no document at all
is an ``InputError``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dupcheck.errors import DupcheckError, InputError
from dupcheck.records import ScanDocument, Skipped
from dupcheck.text.load import ENCODING_HINT, document_from_text, load_document, read_text_file
from dupcheck.text.segment import segment

MANIFEST_SUFFIX = ".jsonl"


@dataclass(frozen=True, slots=True)
class Source:
    """Where one document comes from: a file, or text given in a manifest."""

    id: str
    path: str
    text: str | None = None
    lang: str | None = None
    #: a manifest's "encoding" for a file whose encoding cannot be told
    encoding: str | None = None


def _manifest_sources(manifest: Path) -> tuple[list[Source], list[Skipped]]:
    sources: list[Source] = []
    skipped: list[Skipped] = []
    try:
        lines = read_text_file(manifest).splitlines()
    except InputError as exc:
        return [], [Skipped(str(manifest), f"cannot read manifest: {exc.cause}")]
    for number, line in enumerate(lines, start=1):
        where = f"{manifest}:{number}"
        if not line.strip():
            continue
        try:
            sources.append(_manifest_entry(line, where, manifest.parent))
        except ValueError as exc:
            skipped.append(Skipped(where, str(exc)))
    return sources, skipped


def _manifest_entry(line: str, where: str, folder: Path) -> Source:
    """One manifest line as a ``Source``; a ``ValueError`` says what is wrong with it."""
    try:
        entry = json.loads(line)
    # ValueError: not JSON, or an integer of more digits than Python converts;
    # RecursionError: arrays nested thousands deep
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"not JSON ({getattr(exc, 'msg', None) or type(exc).__name__})") from None
    if not isinstance(entry, dict) or ("path" in entry) == ("text" in entry):
        raise ValueError('needs an object with one of "path" or "text"')
    for key in ("path", "text", "lang", "encoding"):
        if key in entry and not isinstance(entry[key], str):
            raise ValueError(f'"{key}" must be a string, got {type(entry[key]).__name__}')
    if "id" in entry and (not isinstance(entry["id"], str | int) or isinstance(entry["id"], bool)):
        raise ValueError(f'"id" must be a string or an integer, got {type(entry["id"]).__name__}')
    lang = entry.get("lang")
    if "text" in entry:
        return Source(str(entry.get("id", where)), where, entry["text"], lang)
    path = folder / entry["path"]
    return Source(str(entry.get("id", path)), str(path), None, lang, entry.get("encoding"))


def list_sources(paths: Sequence[str | Path]) -> tuple[list[Source], list[Skipped]]:
    """Every document named by ``paths``, in a deterministic order, and what was skipped.

    A path given that does not exist is an ``InputError``: a misspelt one would otherwise
    leave a gate silently blind to it.
    """
    sources: list[Source] = []
    skipped: list[Skipped] = []
    for given in map(Path, paths):
        if given.is_dir():
            # everything but folders: a FIFO, a device or a broken link is listed, and its
            # load says why it is skipped
            files = sorted(p for p in given.rglob("*") if not p.is_dir())
            if not files:
                skipped.append(Skipped(str(given), "empty folder"))
        elif given.exists() or given.is_symlink():
            files = [given]
        else:
            raise InputError(str(given), "no such file or folder")
        for file in files:
            if file.suffix == MANIFEST_SUFFIX:
                found, bad = _manifest_sources(file)
                sources.extend(found)
                skipped.extend(bad)
            else:
                sources.append(Source(str(file), str(file)))
    unique: dict[str, Source] = {}
    for source in sources:
        if source.id in unique:
            if unique[source.id].path != source.path:
                skipped.append(Skipped(source.path, f"duplicate id {source.id!r}"))
            continue
        unique[source.id] = source
    return list(unique.values()), skipped


def input_files(paths: Sequence[str | Path]) -> list[Path]:
    """Every file a scan of ``paths`` reads or lists: the documents, however they are named
    (directly, inside a folder, by a manifest), and the manifests. A report must replace none."""
    sources, _ = list_sources(paths)
    files = [Path(s.path) for s in sources if s.text is None]
    for given in map(Path, paths):
        found = given.rglob("*") if given.is_dir() else [given]
        files.extend(p for p in found if p.suffix == MANIFEST_SUFFIX)
    return files


def load_source(source: Source) -> ScanDocument | Skipped:
    """Read, normalise and segment one document; a document that cannot be used is skipped."""
    try:
        if source.text is None:
            document = segment(load_document(source.path, lang=source.lang, encoding=source.encoding))
        else:
            document = segment(document_from_text(source.text, path=source.path, lang=source.lang))
    except InputError as exc:
        # a collection mixes encodings: one is named per file, in a manifest
        return Skipped(source.path, exc.cause.replace(
            ENCODING_HINT, 'name it as "encoding" in a manifest entry for the file'))
    except (DupcheckError, OSError) as exc:
        return Skipped(source.path, str(exc))
    if not document.sentences:
        return Skipped(source.path, "no sentences")
    return ScanDocument(source.id, document)


def require_documents(
    paths: Sequence[str | Path], documents: Sequence[ScanDocument], skipped: Sequence[Skipped]
) -> None:
    """Raise the one-line error for a scan that has nothing left to compare."""
    if documents:
        return
    where = ", ".join(map(str, paths)) or "<no paths>"
    if not skipped:
        raise InputError(where, "no documents to scan")
    causes = sorted({s.cause for s in skipped})
    raise InputError(
        where, f"no readable text documents ({len(skipped)} skipped: {'; '.join(causes[:3])})"
    )
