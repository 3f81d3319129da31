"""The 信息处理费 schedule (政府信息公开信息处理费管理办法, 国办函〔2020〕109号): the one module.

Charged per request *or* per page, never both (第三条): one basis per request.
Per request, by the request's rank among one applicant's requests in a calendar month:
1–10 free; 11–30 100元/件; from 31 on each further band of 10 adds 100元/件 (31–40 200元,
41–50 300元, ...). Per page, progressive by the pages of one request: 1–30 free, 31–100
10元/页, 101–200 20元/页, from 201 40元/页.
"""

from dataclasses import dataclass
from decimal import Decimal

FREE_REQUESTS_PER_MONTH = 10
FIRST_PAID_BAND_END = 30
REQUEST_BAND_SIZE = 10
REQUEST_PRICE_STEP = Decimal(100)

# (first page of the band, price per page in the band)
PAGE_BANDS = ((1, Decimal(0)), (31, Decimal(10)), (101, Decimal(20)), (201, Decimal(40)))


@dataclass(frozen=True)
class Fee:
    amount: Decimal
    basis: str


def price_of_nth_request(rank: int) -> Decimal:
    """Price of an applicant's `rank`-th request in the calendar month (1-based)."""
    if rank < 1:
        raise ValueError("件数序号从1开始")
    if rank <= FREE_REQUESTS_PER_MONTH:
        return Decimal(0)
    if rank <= FIRST_PAID_BAND_END:
        return REQUEST_PRICE_STEP
    band = (rank - FIRST_PAID_BAND_END - 1) // REQUEST_BAND_SIZE + 2
    return REQUEST_PRICE_STEP * band


def per_request_fee(rank: int) -> Fee:
    amount = price_of_nth_request(rank)
    return Fee(
        amount,
        f"按件计收：该申请人本自然月向本机关提出的第{rank}件申请，收费标准{amount}元/件"
        f"（{FREE_REQUESTS_PER_MONTH}件以下不收费；{FREE_REQUESTS_PER_MONTH + 1}—"
        f"{FIRST_PAID_BAND_END}件{REQUEST_PRICE_STEP}元/件；{FIRST_PAID_BAND_END + 1}件以上"
        f"每增加{REQUEST_BAND_SIZE}件提高{REQUEST_PRICE_STEP}元/件）。",
    )


def per_page_fee(pages: int) -> Fee:
    """Fee for one request of `pages` pages, each band charged at its own price."""
    if pages < 0:
        raise ValueError("页数不能为负数")
    amount, parts = Decimal(0), []
    bounds = [start for start, _price in PAGE_BANDS[1:]] + [pages + 1]
    for (start, price), next_start in zip(PAGE_BANDS, bounds, strict=False):
        count = max(0, min(pages, next_start - 1) - start + 1)
        if count and price:
            amount += count * price
            parts.append(f"第{start}—{start + count - 1}页 {count}页×{price}元")
    detail = "；".join(parts) if parts else f"{PAGE_BANDS[1][0] - 1}页以下不收费"
    return Fee(amount, f"按量计收：共{pages}页，{detail}，合计{amount}元。")


def applicant_month_rank(request) -> int:
    """The rank of `request` among its applicant's requests to the same organisation received in
    the same calendar month (国办函〔2020〕109号: counted per applicant and per organ)."""
    from .models import DisclosureRequest

    month_start = request.received_on.replace(day=1)
    same = DisclosureRequest.objects.filter(
        organisation_id=request.organisation_id, id_number=request.id_number
    )
    earlier = same.filter(received_on__gte=month_start, received_on__lt=request.received_on) | (
        same.filter(received_on=request.received_on, pk__lt=request.pk)
    )
    return earlier.count() + 1
