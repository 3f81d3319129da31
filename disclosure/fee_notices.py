"""收费通知 steps of the state machine: issue, record delivery, payment, withdrawal.

One basis per request (按件 *or* 按量, 国办函〔2020〕109号第三条) and one live notice at a time:
a paid notice ends charging for the request; a notice issued in error is withdrawn, with the
reason recorded, and only then may another be issued. The payment period runs from the day the
applicant receives the notice (disclosure.deadlines.fee_payment_due).
"""

from . import deadlines, fees
from .models import FeeDelivery, FeeMethod, FeeNotice
from .steps import Step, handles


def live_notice(request) -> FeeNotice | None:
    """The request's notice that is neither paid nor withdrawn."""
    return request.fee_notices.filter(paid_on__isnull=True, withdrawn_on__isnull=True).first()


def live_notice_or_refuse(request, refusal: str = "没有待缴费的收费通知。") -> FeeNotice:
    """The live notice a fee step acts on; a Chinese refusal when there is none."""
    notice = live_notice(request)
    if notice is None:
        raise ValueError(refusal)
    return notice


def _check_basis(request, method: str) -> None:
    kept = request.fee_notices.filter(withdrawn_on__isnull=True)
    if kept.filter(paid_on__isnull=False).exists():
        raise ValueError("该申请的信息处理费已缴纳，同一申请不能再次收费。")
    if live_notice(request) is not None:
        raise ValueError("该申请已有未缴费的收费通知，请先撤回该通知。")
    other = kept.exclude(method=method).first()
    if other is not None:
        raise ValueError(
            f"该申请已采用{other.get_method_display()}，按件计收和按量计收只能选其一"
            "（国办函〔2020〕109号第三条）。"
        )


def _fee(request, method, data) -> tuple[fees.Fee, int]:
    if method == FeeMethod.PER_PAGE:
        pages = int(data.get("pages") or 0)
        if pages <= 0:
            raise ValueError("按量计收请填写页数。")
        return fees.per_page_fee(pages), pages
    if method == FeeMethod.PER_REQUEST:
        rank = fees.applicant_month_rank(request)
        return fees.per_request_fee(rank), rank
    raise ValueError("请选择计收方式（按件或按量，二者只能选其一）。")


@handles("issue_fee_notice")
def issue(step: Step) -> str:
    """Issue a 收费通知 per request or per page, with its payment period once delivered."""
    request, method = step.request, step.data.get("method")
    _check_basis(request, method)
    fee, quantity = _fee(request, method, step.data)
    if fee.amount <= 0:
        raise ValueError(f"{fee.basis}无需收费。")
    delivery = step.data.get("delivery") or FeeDelivery.ONLINE
    if delivery not in FeeDelivery.values:
        raise ValueError("请选择收费通知的送达方式。")
    delivered = None if delivery == FeeDelivery.MAIL else step.on
    notice = FeeNotice.objects.create(
        request=request,
        method=method,
        quantity=quantity,
        amount=fee.amount,
        basis=fee.basis,
        issued_on=step.on,
        delivery=delivery,
        delivered_on=delivered,
        pay_by=deadlines.fee_payment_due(delivered) if delivered else None,
    )
    period = (
        f"缴费期限 {notice.pay_by.isoformat()}"
        if notice.pay_by
        else "缴费期限自申请人签收之日起计算，签收后请登记送达日期"
    )
    return f"{notice.basis}{period}。{step.note}".strip()


@handles("record_fee_delivery")
def record_delivery(step: Step) -> str:
    """The day a posted notice reached the applicant: its payment period starts then."""
    notice = live_notice_or_refuse(step.request)
    if step.on < notice.issued_on:
        raise ValueError(f"送达日期不能早于通知日期（{notice.issued_on.isoformat()}）。")
    notice.delivered_on = step.on
    notice.pay_by = deadlines.fee_payment_due(step.on)
    notice.save(update_fields=["delivered_on", "pay_by"])
    return f"申请人于 {step.on.isoformat()} 收到收费通知，缴费期限 {notice.pay_by.isoformat()}。{step.note}".strip()


@handles("fee_paid")
def paid(step: Step) -> str:
    notice = live_notice_or_refuse(step.request)
    notice.paid_on = step.on
    notice.save(update_fields=["paid_on"])
    return f"已缴纳信息处理费 {notice.amount}元。{step.note}".strip()


@handles("withdraw_fee_notice")
def withdraw(step: Step) -> str:
    """Withdraw the live notice (issued in error, or the applicant narrowed the request)."""
    notice = live_notice_or_refuse(step.request, "没有可撤回的收费通知。")
    if not step.note:
        raise ValueError("请填写撤回收费通知的理由。")
    notice.withdrawn_on, notice.withdrawn_by = step.on, step.user
    notice.withdrawal_reason = step.note
    notice.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
    return f"撤回收费通知（{notice.get_method_display()} {notice.amount}元）：{step.note}"


@handles("fee_expired")
def expired(step: Step) -> str:
    """No further handling once the payment period has passed unpaid (reported as 其他处理)."""
    notice = live_notice(step.request)
    if notice is None or notice.pay_by is None or step.on <= notice.pay_by:
        due = notice.pay_by.isoformat() if notice and notice.pay_by else "尚未起算"
        raise ValueError(f"缴费期限（{due}）尚未届满，不能按逾期未缴费处理。")
    return step.note
