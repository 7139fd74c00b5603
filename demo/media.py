"""Generated pictures and files for the demo site (no external assets needed)."""

import io

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

PALETTE = ["#0b4f8a", "#2e7d32", "#8a3b0b", "#5b2c83", "#00695c", "#b28704", "#37474f", "#ad1457"]


def picture(label, index, size=(960, 600)):
    """A two-tone picture with a caption band, as an uploadable image file."""
    base = PALETTE[index % len(PALETTE)]
    img = PILImage.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    width, height = size
    for step in range(0, width, 48):
        draw.line([(step, 0), (step + height // 2, height)], fill="#ffffff", width=1)
    draw.rectangle([0, height - height // 5, width, height], fill="#1d2330")
    draw.text((width // 20, height - height // 7), label, fill="#ffffff")
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{index}.png")


def pdf(title, lines):
    """A one-page PDF with a title and a few lines of text, built by hand (PDF 1.4)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")

    content = b"BT /F1 18 Tf 72 760 Td (" + escape(title) + b") Tj ET\n"
    for number, line in enumerate(lines):
        content += b"BT /F1 11 Tf 72 %d Td (" % (720 - 18 * number) + escape(line) + b") Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
    return SimpleUploadedFile(f"{slug}.pdf", out.getvalue(), content_type="application/pdf")
