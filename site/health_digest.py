"""The weekly e-mail digest of site-health findings for each organisation's admins."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from .models import HealthRun, Organisation


def latest_runs():
    """The newest run of every site."""
    newest = HealthRun.objects.values("site_id").annotate(newest=Max("id")).values("newest")
    return HealthRun.objects.filter(id__in=newest).select_related("site")


def site_admins(organisation):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__organisation_role__organisation=organisation,
            groups__organisation_role__role="admin",
        )
        .exclude(email="")
    )


def send_pending_digests() -> int:
    """Send the digest of each site's latest run that has not been sent yet."""
    sent = 0
    for run in latest_runs():
        with transaction.atomic():
            run = HealthRun.objects.select_for_update().get(pk=run.pk)
            if run.digest_sent_at is not None:
                continue
            organisation = Organisation.objects.filter(home_page_id=run.site.root_page_id).first()
            recipients = (
                list(site_admins(organisation).values_list("email", flat=True))
                if organisation
                else []
            )
            if recipients:
                body = render_to_string(
                    "cluster/email/health_digest.txt",
                    {
                        "run": run,
                        "organisation": organisation,
                        "base_url": settings.WAGTAILADMIN_BASE_URL,
                    },
                )
                subject = f"【网站检查】{run.site.site_name}：{'存在单项否决问题' if run.vetoed else f'{run.finding_count}个问题'}"
                send_mail(subject, body, None, recipients)
                sent += 1
            run.digest_sent_at = timezone.now()
            run.save(update_fields=["digest_sent_at"])
    return sent
