"""Reply letters (政府信息公开申请答复书) as PDF, from the editable template of the reply kind."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.template import Context, Template
from fpdf import FPDF

from cluster import numbering

from .models import REMEDY_CLAUSE, Reply, ReplyTemplate
from .outcomes import ReplyKind

DEFAULT_BASIS = {
    ReplyKind.ALREADY_PUBLISHED: "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
    ReplyKind.DISCLOSED: "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    ReplyKind.PARTIAL: "《中华人民共和国政府信息公开条例》第三十七条",
    ReplyKind.WITHHELD: "《中华人民共和国政府信息公开条例》第三十六条第（三）项",
    ReplyKind.NOT_EXIST: "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    ReplyKind.NOT_THIS_ORGAN: "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
    ReplyKind.REPEAT: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    ReplyKind.SPECIAL_LAW: "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    ReplyKind.NOT_HANDLED: "《中华人民共和国政府信息公开条例》第三十五条、第三十九条",
}
DEFAULT_BODY = (
    "{{ applicant }}：\n"
    "本机关于{{ received }}收到您提出的政府信息公开申请，申请获取“{{ description }}”。"
    "经审查，现答复如下：\n{{ details }}"
)


def template_for(kind: str) -> ReplyTemplate:
    """The stored template of `kind`, or the built-in default (not saved)."""
    return ReplyTemplate.objects.filter(kind=kind).first() or ReplyTemplate(
        kind=kind, legal_basis=DEFAULT_BASIS[kind], body=DEFAULT_BODY, remedy=REMEDY_CLAUSE
    )


INDENT = "\u3000\u3000"  # an official letter's paragraphs start two characters in (GB/T 9704)


def letter_text(reply: Reply) -> tuple[str, str]:
    """(title line, body) of the letter: salutation line, then one paragraph per line."""
    number, paragraphs = letter_paragraphs(reply)
    return number, "\n".join(paragraphs)


def letter_paragraphs(reply: Reply) -> tuple[str, list[str]]:
    """(文号, paragraphs): the salutation flush left, every other paragraph indented by two
    characters; the remedy clause names the 行政复议机关 and the court."""
    request = reply.request
    template = template_for(reply.kind)
    organ, court = request.organisation.remedy_organs
    body = Template(template.body).render(
        Context(
            {
                "applicant": request.applicant_name,
                "received": f"{request.received_on:%Y年%m月%d日}",
                "description": request.description,
                "details": reply.details,
            },
            autoescape=False,
        )
    )
    remedy = Template(template.remedy).render(
        Context({"reconsideration_organ": organ, "court": court}, autoescape=False)
    )
    basis = reply.legal_basis or template.legal_basis
    names = [a.name for a in reply.attachments.all()] if reply.pk else []
    lines = [*body.splitlines(), f"依据：{basis}。", remedy]
    lines += [f"附件{i}：{name}" for i, name in enumerate(names, 1)]
    lines = [line.strip() for line in lines if line.strip()]
    return reply.document_number, [lines[0], *(INDENT + line for line in lines[1:])]


def render_pdf(reply: Reply) -> bytes:
    request = reply.request
    number, body = letter_text(reply)  # paragraphs already carry their indent
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", "", settings.DISCLOSURE_PDF_FONT, collection_font_number=2)
    pdf.set_font("cjk", size=18)
    pdf.cell(0, 14, "政府信息公开申请答复书", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    pdf.cell(0, 8, number, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=12)
    pdf.multi_cell(0, 8, body)
    pdf.ln(8)
    pdf.multi_cell(
        0, 8, f"{request.organisation.name}\n{reply.approved_on:%Y年%m月%d日}", align="R"
    )
    pdf.ln(4)
    pdf.set_font("cjk", size=9)
    pdf.multi_cell(0, 6, f"申请编号：{request.number}")
    return bytes(pdf.output())


REPLY_NUMBER = "reply_number"  # numbering scope kind


def format_reply_number(organisation, year: int, serial: int) -> str:
    """答复书文号, e.g. `市发改委依申复〔2026〕12号` (〔〕 as in every 文号)."""
    return f"{organisation.short_name}依申复〔{year}〕{serial}号"


def reply_scope(organisation, year: int) -> str:
    return numbering.scope(REPLY_NUMBER, organisation, year)


def _last_issued(organisation, year: int) -> int:
    """The highest 文号 serial issued before the counter existed (seeds the counter once)."""
    prefix, suffix = format_reply_number(organisation, year, 0).split("0号")[0], "号"
    numbers = Reply.objects.filter(
        request__organisation=organisation, document_number__startswith=prefix
    ).values_list("document_number", flat=True)
    serials = [int(n[len(prefix) : -len(suffix)]) for n in numbers if n[len(prefix) : -1].isdigit()]
    return max(serials, default=0)


def assign_number(reply: Reply) -> None:
    """Give the approved reply the next 文号 of its organisation and year (cluster.numbering),
    in the approval's transaction; Reply's unique constraint backs it."""
    organisation, year = reply.request.organisation, reply.approved_on.year
    if not reply.document_number:
        serial = numbering.next_serial(
            reply_scope(organisation, year), seed=lambda: _last_issued(organisation, year)
        )
        reply.document_number = format_reply_number(organisation, year, serial)
    reply.save()


def letter_file(reply: Reply):
    """The approved reply's letter, rendered and stored the first time it is asked for."""
    if not (reply.letter and reply.letter.storage.exists(reply.letter.name)):
        reply.letter.save(f"{reply.request.number}.pdf", ContentFile(render_pdf(reply)), save=True)
    return reply.letter.open("rb")


def letter_response(reply: Reply) -> FileResponse:
    """Send the letter as a PDF download named after the application."""
    return FileResponse(
        letter_file(reply), as_attachment=True, filename=f"{reply.request.number}答复书.pdf"
    )
