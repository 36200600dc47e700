"""Regenerate handbook/style/builtin/logos/emblem*.png (run from that folder). Draw the placeholder emblem: a ring around an open book with a star above it (our own design)."""
import math
from PIL import Image, ImageDraw

S = 4 * 600  # supersampled canvas

def star(cx, cy, r_out, r_in, points=5, rot=-90):
    pts = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + i * 180 / points)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts

def emblem(ring, book, star_fill):
    im = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    c = S / 2
    w = S * 0.045
    d.ellipse([w, w, S - w, S - w], outline=ring, width=int(w))
    # open book: two pages meeting at a spine, slightly raised at the outer corners
    top, bottom, spine_top, spine_bottom = S * 0.47, S * 0.74, S * 0.52, S * 0.79
    left, right = S * 0.20, S * 0.80
    gap = S * 0.018
    d.polygon([(c - gap, spine_top), (left, top), (left, bottom), (c - gap, spine_bottom)], fill=book)
    d.polygon([(c + gap, spine_top), (right, top), (right, bottom), (c + gap, spine_bottom)], fill=book)
    # page lines cut out of the book
    clear = (0, 0, 0, 0)
    for k in range(3):
        dy = S * (0.055 + 0.055 * k)
        lw = int(S * 0.012)
        d.line([(left + S * 0.05, top + dy), (c - gap - S * 0.04, spine_top + dy)], fill=clear, width=lw)
        d.line([(right - S * 0.05, top + dy), (c + gap + S * 0.04, spine_top + dy)], fill=clear, width=lw)
    d.polygon(star(c, S * 0.31, S * 0.13, S * 0.055), fill=star_fill)
    return im.resize((600, 600), Image.LANCZOS)

navy, white = (27, 79, 138, 255), (255, 255, 255, 255)
emblem(navy, navy, navy).save("emblem.png", optimize=True)
emblem(white, white, white).save("emblem-white.png", optimize=True)
