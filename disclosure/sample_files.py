"""Sample scans for the demo applications and replies (虚构), drawn with Pillow.

They show the private-file protection on a fresh demo: an applicant's "身份证样例" and a reply's
attachment can be downloaded only by the handling officers or with the number and access code.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont


def _font(size: int):
    # The reply-letter font draws Chinese; without it the sample still says what it is.
    path = Path(settings.DISCLOSURE_PDF_FONT)
    if path.exists():
        return ImageFont.truetype(str(path), size, index=2)
    return ImageFont.load_default(size)


def _png(lines: list[str], fallback: list[str], size=(640, 400)) -> bytes:
    image = Image.new("RGB", size, (235, 242, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle([12, 12, size[0] - 12, size[1] - 12], outline=(40, 80, 140), width=4)
    chinese = Path(settings.DISCLOSURE_PDF_FONT).exists()
    for row, text in enumerate(lines if chinese else fallback):
        draw.text((40, 40 + row * 60), text, fill=(20, 30, 60), font=_font(32))
    draw.text((40, size[1] - 70), "SAMPLE", fill=(200, 30, 30), font=_font(40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def id_card_scan(name: str, id_type: str) -> SimpleUploadedFile:
    """A made-up identity document scan named 身份证样例.png."""
    content = _png(
        [
            "身份证样例（演示）",
            f"姓名/名称：{name}",
            f"证件类型：{id_type}",
            "仅供演示，非真实证件",
        ],
        ["ID CARD SAMPLE (demo)", "not a real document"],
    )
    return SimpleUploadedFile("身份证样例.png", content, content_type="image/png")


def for_application(index: int, applicant: dict) -> list:
    """Every other demo application carries a sample identity scan."""
    if index % 2:
        return []
    return [id_card_scan(applicant["applicant_name"], applicant["id_type"])]


def for_reply(index: int, description: str) -> list:
    """Each drafted demo reply carries one sample attachment (the information provided)."""
    content = _png(
        ["答复附件样例（演示）", description[:16], "仅供演示"],
        ["REPLY ATTACHMENT (demo)"],
    )
    return [SimpleUploadedFile("答复材料样例.png", content, content_type="image/png")]
