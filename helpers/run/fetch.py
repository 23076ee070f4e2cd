"""Download the cookbook's datasets the normal Keras way, before any test needs them.

    python -m helpers.run.fetch

Each file goes through ``helpers.find_data_file``: an offline copy (``COOKBOOK_DATA``, the
repository's ``data/``) is used if there is one; otherwise ``keras.utils.get_file``
downloads the official file into Keras's cache and checks it against Keras's own hash.
The GitHub workflow runs this once, caches the files, and every test then finds them.
"""

from __future__ import annotations

import sys

from helpers.data import OFFICIAL_HASHES, DatasetCorruptError, DatasetNotFoundError, find_data_file


def main() -> int:
    for filename in OFFICIAL_HASHES:
        try:
            print(f"{filename}: {find_data_file(filename)}", flush=True)
        except (DatasetNotFoundError, DatasetCorruptError) as error:
            print(error, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
