"""The 信息处理费 schedule at every band edge (国办函〔2020〕109号)."""

from decimal import Decimal

import pytest

from disclosure import fees


@pytest.mark.parametrize(
    ("rank", "price"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_price_per_request_by_monthly_rank(rank, price):
    assert fees.price_of_nth_request(rank) == Decimal(price)


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
        (250, 2700 + 50 * 40),
    ],
)
def test_per_page_fee_is_progressive(pages, amount):
    assert fees.per_page_fee(pages).amount == Decimal(amount)


def test_fee_basis_explains_the_bands():
    assert "第31—100页 70页×10元" in fees.per_page_fee(150).basis
    assert "第101—150页 50页×20元" in fees.per_page_fee(150).basis
    assert "第11件" in fees.per_request_fee(11).basis


def test_impossible_quantities_are_refused():
    with pytest.raises(ValueError):
        fees.price_of_nth_request(0)
    with pytest.raises(ValueError):
        fees.per_page_fee(-1)
