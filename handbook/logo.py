"""Load and check a style's logo with Pillow: readable, sharp enough for print, gray for grayscale styles."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from reportlab.lib.utils import ImageReader

from .errors import Position, Report

MIN_DPI = 200
COVER_LOGO_HEIGHT_IN = 1.2  # printed height on the cover; the dpi check uses it


def load_logo(path: Path | None, grayscale: bool, report: Report) -> ImageReader | None:
    if path is None:
        return None
    at = Position(str(path))
    try:
        with Image.open(path) as image:
            image.load()
            if image.format not in ("PNG", "JPEG"):
                report.error(at, f"logo must be PNG or JPEG, not {image.format}")
                return None
            picture = image.convert("RGBA") if image.mode in ("P", "LA", "RGBA") else image.convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        report.error(at, f"cannot read logo: {exc}")
        return None
    dpi = picture.height / COVER_LOGO_HEIGHT_IN
    if dpi < MIN_DPI:
        report.warning(at, f"logo is {picture.width}×{picture.height} px: {dpi:.0f} dpi at its printed size "
                           f"on the cover (below {MIN_DPI} dpi, it will print blurred)")
    if grayscale:
        alpha = picture.getchannel("A") if picture.mode == "RGBA" else None
        picture = picture.convert("L")
        if alpha is not None:
            picture = Image.merge("LA", (picture, alpha))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)
