"""Every page of an encrypted register, decrypted, for the marker scan after gallring.

The file on disk is ciphertext, so a plain scan of it proves nothing about deleted content;
what must be gone is gone from the *pages*: free pages, unused cell space, the FTS segments.
SQLCipher 4 with a raw key: AES-256-CBC with the key itself, page size 4096, a reserve of 80
bytes at each page's end (16 bytes IV, 64 bytes HMAC-SHA512); page 1 starts with the 16-byte
salt in place of SQLite's header. (Checked on this machine: a marker written is found.)
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
SALT = 16


def plain_pages(path: Path, data_key: bytes) -> bytes:
    """The decrypted content of every page of `path`, joined."""
    data = path.read_bytes()
    out = []
    for start in range(0, len(data), PAGE):
        page = data[start : start + PAGE]
        if len(page) < PAGE:
            break
        iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
        body = page[SALT if start == 0 else 0 : PAGE - RESERVE]
        decryptor = Cipher(algorithms.AES(data_key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(body) + decryptor.finalize())
    return b"".join(out)
