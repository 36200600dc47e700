"""Load and check a style's logos with Pillow: readable, sharp enough for print, gray for grayscale styles,
sized for where they print (the cover, the running header), and visible on what they print on."""
from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from reportlab.lib.utils import ImageReader

from ..errors import Position, Report, relative

MAX_PIXELS = 25_000_000  # 5000 x 5000: far sharper than any logo prints; a bigger one is refused unread
MIN_DPI = 200  # below this at the printed size a logo prints blurred: a warning
MAX_DPI = 600  # above this at the printed size the pixels are wasted: the logo is scaled down

# A warm process (handbook/watch.py) sets this to a dict: logos prepared for a style are kept there
# between rebuilds (decoding, resizing and recolouring cost 20 ms) until a logo file or the style changes.
prepared: dict | None = None


@dataclass
class Logos:
    """The images a build draws: one sized for the cover, one for the running header."""

    cover: ImageReader | None = None
    header: ImageReader | None = None


def cover_logo_height(theme) -> float:
    """The printed height of the cover logo, in points."""
    return theme.page_size[1] * theme.proportions["cover_band"] * theme.proportions["cover_logo"]


def header_baseline(theme) -> float:
    """How far above the text frame the running header's baseline stands, in points."""
    return theme.sizes["header"] * 1.9


def header_logo_height(theme) -> float:
    """The printed height of the running-header logo, in points: it stands on the header's baseline
    and keeps 5 mm clear of the paper's edge."""
    room = theme.margins["top"] - header_baseline(theme) - 5 * 72 / 25.4
    return max(0.0, min(theme.sizes["header"] * theme.proportions["header_logo"], room))


def load_logos(theme, report: Report) -> Logos:
    """Open, check and prepare the style's logo(s) for the cover and the header.

    Preparing (decoding, resizing, recolouring) is done once per logo file and style: the images and
    what was said about them are kept in the disk cache, and in a warm process's `prepared` too.
    """
    key = _prepared_key(theme)
    if key is None or key[0] == ("", ""):  # a file missing, or no logo at all: nothing worth keeping
        images, diagnostics = _prepare_now(theme)
    elif prepared is not None and key in prepared:
        images, diagnostics = prepared[key]
    else:
        images, diagnostics = _prepare_cached(theme, key)
        if prepared is not None and not any(d.severity == "error" for d in diagnostics):
            prepared[key] = (images, diagnostics)
    report.diagnostics.extend(diagnostics)
    return Logos(*(None if image is None else _reader(*image) for image in images))


def _prepare_now(theme) -> tuple:
    own = Report()
    return _prepare_logos(theme, own), list(own.diagnostics)


class _NotKept(Exception):
    """A logo with errors is not cached: the next build prepares it again and reports them again."""


def _prepare_cached(theme, key: tuple) -> tuple:
    from ..diskcache import cached
    from ..errors import Diagnostic
    made: list = []

    def make():
        images, diagnostics = _prepare_now(theme)
        made.append((images, diagnostics))
        if any(d.severity == "error" for d in diagnostics):
            raise _NotKept
        return ([None if i is None else (i[0].mode, i[0].size, i[0].tobytes(), i[1]) for i in images],
                [(d.severity, d.position.path, d.position.line, d.position.column, d.message, d.hint)
                 for d in diagnostics])
    try:
        # one entry per logo files and style numbers: a changed file replaces its entry
        slot = repr(([stamp.split("|")[0] for stamp in key[0]], key[1:], os.getcwd()))
        images, diagnostics = cached("logos", repr((key, os.getcwd())), make, _valid_logos, slot=slot)
    except _NotKept:
        return made[0]
    if made:
        return made[0]
    return (tuple(None if i is None else (Image.frombytes(i[0], tuple(i[1]), i[2]), i[3]) for i in images),
            [Diagnostic(d[0], Position(d[1], d[2], d[3]), d[4], d[5]) for d in diagnostics])


def _valid_logos(value) -> bool:
    """At least one image, each with as many bytes as its mode and size need."""
    try:
        images, diagnostics = value
        kept = [i for i in images if i is not None]
        return len(images) == 2 and bool(kept) and all(
            len(i[2]) == i[1][0] * i[1][1] * len(Image.getmodebands(i[0])) for i in kept)
    except (TypeError, ValueError, IndexError, KeyError):
        return False


def _prepared_key(theme) -> tuple | None:
    """What the prepared images depend on: the files (by content stamp) and the style's numbers."""
    from ..diskcache import file_stamp
    try:
        files = tuple(file_stamp(Path(p)) if p else "" for p in (theme.logo, theme.logo_on_band))
    except OSError:
        return None  # a missing file: prepared afresh, so the error is reported as usual
    primary, band = theme.colour("primary"), theme.cover_band_fill()
    return (files, bool(theme.cover.get("band", True)), theme.header_logo, theme.grayscale,
            cover_logo_height(theme), header_logo_height(theme), (primary.red, primary.green, primary.blue),
            (band.red, band.green, band.blue))


def _prepare_logos(theme, report: Report) -> tuple:
    """(image, format) for the cover and for the header, or None where there is none."""
    band = bool(theme.cover.get("band", True))
    main = _open(theme.logo, report)
    # the variant is for a dark band (a white emblem); a grayscale band is a light tint
    variant = _open(theme.logo_on_band, report) if band and theme.logo_on_band and not theme.grayscale else None
    cover = header = None
    cover_source = (variant or main) if band else main
    if cover_source is not None:
        path, image = cover_source
        background = theme.cover_band_fill() if band else None
        cover = _prepare(path, image, cover_logo_height(theme), theme, background, report)
    if main is not None and theme.header_logo and header_logo_height(theme) >= 8:
        path, image = main
        # the header logo is only checked for sharpness when the cover does not already print it larger
        check = report if cover_source is not main else Report()
        header = _prepare(path, image, header_logo_height(theme), theme, None, check)
    return cover, header


def load_logo(path: Path | None, grayscale: bool, report: Report, height: float = 72 * 1.2) -> ImageReader | None:
    """One logo, checked at `height` points printed, without tinting (kept for callers that want one image)."""
    opened = _open(path, report)
    if opened is None:
        return None
    image = opened[1]
    _check_dpi(opened[0], image, height, report)
    if grayscale:
        image = _gray(image)
    return _reader(image, opened[1].format)


def open_image(path: Path):
    """Pillow's Image.open (the header only), its own decompression-bomb warning silenced: such an
    image is refused with a one-line error instead (too_many_pixels)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(path)


def too_many_pixels(image) -> tuple[str, str] | None:
    """Why an opened (not yet decoded) image is too large to decode, or None.

    A PNG of 12000 x 12000 pixels fits in 32 KB and takes 900 MB to decode (a decompression bomb).
    """
    width, height = image.size
    if width * height <= MAX_PIXELS:
        return None
    return (f"is {width} x {height} pixels ({width * height / 1e6:.0f} million); at most "
            f"{MAX_PIXELS / 1e6:.0f} million are read", "scale the logo down: 2000 pixels across is plenty for print")


def _open(path: Path | None, report: Report):
    if path is None:
        return None
    at = Position(relative(Path(path)))
    try:
        with open_image(path) as image:  # reads the header only: the size is known before any decoding
            problem = too_many_pixels(image)
            if problem:
                report.error(at, f"logo {problem[0]}", problem[1])
                return None
            image.load()
            fmt = image.format
            if fmt not in ("PNG", "JPEG"):
                report.error(at, f"logo must be a PNG or JPEG file, not {fmt}", "export the logo as PNG")
                return None
            picture = ImageOps.exif_transpose(image)
            if picture.mode == "CMYK" or picture.mode not in ("RGBA", "RGB", "L", "LA"):
                has_alpha = picture.mode in ("P", "PA", "LA", "RGBA") and (
                    picture.mode != "P" or "transparency" in picture.info)
                picture = picture.convert("RGBA" if has_alpha else "RGB")
            picture.format = fmt
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        report.error(at, f"cannot read logo: {exc}", "the logo must be a readable PNG or JPEG file")
        return None
    if picture.width < 1 or picture.height < 1:
        report.error(at, "logo is empty (0 pixels)")
        return None
    return path, picture


def _check_dpi(path: Path, image: Image.Image, height: float, report: Report) -> float:
    dpi = image.height / (height / 72)
    if dpi < MIN_DPI:
        report.warning(Position(relative(path)), f"logo is {image.width}×{image.height} px: {dpi:.0f} dpi at its printed "
                                            f"height of {height / 72 * 25.4:.0f} mm (below {MIN_DPI} dpi, it will "
                                            "print blurred)", f"use an image at least "
                                                              f"{round(MIN_DPI * height / 72)} px high")
    return dpi


def _prepare(path: Path, image: Image.Image, height: float, theme, background, report: Report) -> tuple:
    fmt = image.format
    dpi = _check_dpi(path, image, height, report)
    if dpi > MAX_DPI:  # size it for its place: no more pixels than print can use
        scale = MAX_DPI / dpi
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                             Image.LANCZOS)
    image = _ensure_contrast(image, background, theme)
    if theme.grayscale:
        image = _gray(image)
    return image, fmt


def _luminance(rgb) -> float:
    r, g, b = rgb[:3]
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


def _ensure_contrast(image: Image.Image, background, theme) -> Image.Image:
    """A transparent logo whose ink is close to the paper behind it (a white emblem on a white page)
    is recoloured in one ink that reads there: the primary colour on paper, white or black on the band."""
    if image.mode not in ("RGBA", "LA"):
        return image  # an opaque logo brings its own background
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    opaque = alpha.point(lambda a: 255 if a >= 128 else 0)
    if not opaque.getbbox():
        return image
    ink = ImageOps.grayscale(rgba.convert("RGB"))
    histogram = ink.histogram(mask=opaque)
    count = sum(histogram)
    mean = sum(level * n for level, n in enumerate(histogram)) / count / 255
    if background is None:
        paper = 1.0
    else:
        paper = 0.299 * background.red + 0.587 * background.green + 0.114 * background.blue
    if abs(mean - paper) >= 0.3:
        return image
    if background is None:
        primary = theme.colour("primary")
        tone = primary if _level(primary) < 0.6 else None
        colour = tuple(round(c * 255) for c in (tone.red, tone.green, tone.blue)) if tone else (0, 0, 0)
    else:
        colour = (255, 255, 255) if paper < 0.55 else (0, 0, 0)
    solid = Image.new("RGBA", rgba.size, colour + (255,))
    solid.putalpha(alpha)
    return solid


def _level(colour) -> float:
    return 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue


def _gray(image: Image.Image) -> Image.Image:
    """Grayscale with the transparency kept: an L or LA image, so the PDF gets a DeviceGray image."""
    if image.mode in ("L", "LA"):
        return image
    if image.mode == "RGBA":
        gray = image.convert("L")
        return Image.merge("LA", (gray, image.getchannel("A")))
    return image.convert("L")


def _reader(image: Image.Image, fmt: str | None) -> ImageReader:
    if fmt == "JPEG" and image.mode in ("RGB", "L"):  # a photo-like logo stays a JPEG (small, DCT in the PDF)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=92)
        buffer.seek(0)
        return ImageReader(buffer)
    return ImageReader(image)  # ReportLab takes the pixels straight from Pillow: no PNG round trip
