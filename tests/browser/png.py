#!/usr/bin/env python3
"""png.py - read a PNG with zlib alone (no imaging library), for the browser test.

  png.py stats FILE [RRGGBB...] width, height, distinct colours, share of non-white
                               pixels, then the pixels of each colour (within 4 per channel)
  png.py crop FILE OUT X Y W H  write a cropped copy (to look at part of a screenshot)

Handles what Chromium writes: 8-bit greyscale, RGB or RGBA, not interlaced.
"""
import struct
import sys
import zlib


def read(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or interlace or ctype not in (0, 2, 6):
        raise ValueError("unsupported PNG (depth %d, colour type %d, interlace %d)" % (depth, ctype, interlace))
    bpp = {0: 1, 2: 3, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 255
        elif f == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def stats(path, want=()):
    w, h, bpp, rows = read(path)
    counts, ink = {}, 0
    for r in rows:
        for x in range(0, len(r), bpp):
            px = bytes(r[x:x + 3]) if bpp >= 3 else bytes(r[x:x + 1]) * 3
            counts[px] = counts.get(px, 0) + 1
    ink = w * h - counts.get(b"\xff\xff\xff", 0)
    near = []
    for hexc in want:
        t = bytes.fromhex(hexc)
        near.append(sum(n for px, n in counts.items() if all(abs(px[i] - t[i]) <= 4 for i in range(3))))
    return w, h, len(counts), ink / float(w * h), near


def crop(path, out, x0, y0, cw, ch):
    w, h, bpp, rows = read(path)
    x1, y1 = min(w, x0 + cw), min(h, y0 + ch)
    body = b"".join(b"\x00" + rows[y][x0 * bpp:x1 * bpp] for y in range(y0, y1))
    ctype = {1: 0, 3: 2, 4: 6}[bpp]

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xffffffff)
    with open(out, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", x1 - x0, y1 - y0, 8, ctype, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(body)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "stats":
        w, h, n, ink, near = stats(sys.argv[2], sys.argv[3:])
        print(" ".join(["%d %d %d %.4f" % (w, h, n, ink)] + [str(k) for k in near]))
    elif len(sys.argv) == 8 and sys.argv[1] == "crop":
        crop(sys.argv[2], sys.argv[3], *map(int, sys.argv[4:8]))
    else:
        sys.exit(__doc__)
