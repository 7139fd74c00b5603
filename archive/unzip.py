"""Unpacking an uploaded media archive (.zip) into a folder, refusing what could harm the server:
a member whose path leaves the folder (absolute, ``..``, a symlink), and archives that unpack to
more than ``MAX_BYTES`` or ``MAX_FILES`` (counted as written, not as the archive claims)."""

import stat
import zipfile
from pathlib import Path, PurePosixPath

MAX_BYTES = 2 * 1024**3
MAX_FILES = 50_000
CHUNK = 1 << 20


class UnsafeArchive(ValueError):
    pass


def _destination(root, name):
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or ".." in posix.parts or (posix.parts and ":" in posix.parts[0]):
        raise UnsafeArchive(f"{name!r} would be written outside the media folder")
    path = (root / posix).resolve()
    if not path.is_relative_to(root):
        raise UnsafeArchive(f"{name!r} would be written outside the media folder")
    return path


def extract(archive, folder, max_bytes=MAX_BYTES, max_files=MAX_FILES):
    """Unpacks ``archive`` (a path or file) into ``folder``; returns the number of files written.
    On UnsafeArchive the folder may hold part of it: the caller throws the folder away."""
    root = Path(folder).resolve()
    written = files = 0
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [info for info in bundle.infolist() if not info.is_dir()]
            if len(members) > max_files:
                raise UnsafeArchive(
                    f"the archive holds {len(members)} files; at most {max_files} are unpacked"
                )
            for info in members:
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise UnsafeArchive(f"{info.filename!r} is a symbolic link")
                target = _destination(root, info.filename)
                target.parent.mkdir(parents=True, exist_ok=True)
                with bundle.open(info) as source, open(target, "wb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > max_bytes:
                            raise UnsafeArchive(f"the archive unpacks to more than {max_bytes // 1024**2} MB")
                        out.write(chunk)
                files += 1
    except zipfile.BadZipFile as error:
        raise UnsafeArchive(f"not a readable zip file ({error})") from None
    return files
