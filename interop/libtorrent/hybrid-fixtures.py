#!/usr/bin/python3
"""Writes the hybrid (BEP 52 v1+v2) and v2-only test torrents of ilp-parse-torrent with libtorrent
2.0 (python3-libtorrent), and what libtorrent reports about each: info hashes, files (pad files
included), pieces. Deterministic content, no creation date, so that a rerun gives the same bytes.

Run: /usr/bin/python3 interop/libtorrent/hybrid-fixtures.py
"""
import os
import shutil
import tempfile

import libtorrent as lt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'ilp-parse-torrent', 'src', 'test', 'resources',
                   'org', 'ilptorrent', 'parse', 'hybrid')
PIECE = 16384
# name -> size; sizes that are not piece multiples make libtorrent insert BEP 47 pad files.
FILES = {'a.bin': 40000, 'sub/b.txt': 100, 'c.bin': 70000, 'empty.txt': 0, 'z.bin': 16384}


def content(path, size):
    seed = sum(path.encode())
    return bytes((seed + i * 31 + (i >> 8)) & 0xFF for i in range(size))


def make(root, name, flags):
    fs = lt.file_storage()
    lt.add_files(fs, os.path.join(root, 'hybrid'))
    ct = lt.create_torrent(fs, PIECE, flags=flags)
    ct.set_creator('libtorrent ' + lt.__version__)
    lt.set_piece_hashes(ct, root)
    entry = ct.generate()
    entry.pop(b'creation date', None)
    data = lt.bencode(entry)
    with open(os.path.join(OUT, name + '.torrent'), 'wb') as f:
        f.write(data)
    ti = lt.torrent_info(data)
    hashes = ti.info_hashes()
    lines = ['# what libtorrent ' + lt.__version__ + ' reads from ' + name + '.torrent',
             'v1=' + (str(hashes.v1) if hashes.has_v1() else ''),
             'v2=' + (str(hashes.v2) if hashes.has_v2() else ''),
             'pieceLength=' + str(ti.piece_length()),
             'pieces=' + str(ti.num_pieces()),
             'length=' + str(ti.total_size()),
             'files=' + str(ti.num_files())]
    st = ti.files()
    for i in range(st.num_files()):
        pad = bool(st.file_flags(i) & lt.file_storage.flag_pad_file)
        lines += ['file.%d.path=%s' % (i, st.file_path(i).replace(os.sep, '/')),
                  'file.%d.length=%d' % (i, st.file_size(i)),
                  'file.%d.offset=%d' % (i, st.file_offset(i)),
                  'file.%d.pad=%s' % (i, 'true' if pad else 'false')]
    with open(os.path.join(OUT, name + '.properties'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    root = tempfile.mkdtemp()
    try:
        for path, size in FILES.items():
            full = os.path.join(root, 'hybrid', path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, 'wb') as f:
                f.write(content(path, size))
        make(root, 'hybrid', 0)
        make(root, 'v2-only', lt.create_torrent.v2_only)
    finally:
        shutil.rmtree(root)


if __name__ == '__main__':
    main()
