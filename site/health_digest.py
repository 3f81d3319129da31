"""The weekly e-mail digest of site-health findings for each organisation's admins."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from .models import HealthRun, Organisation
from .outbox import queue_mail
from .permissions import members


def latest_runs():
    """The newest run of every site."""
    newest = HealthRun.objects.values("site_id").annotate(newest=Max("id")).values("newest")
    return HealthRun.objects.filter(id__in=newest).select_related("site")


def send_pending_digests() -> int:
    """Queue the digest of each site's latest run that has not been sent yet; the outbox
    sends it after the run is marked, so a rerun never mails twice."""
    sent = 0
    for run in latest_runs():
        with transaction.atomic():
            run = HealthRun.objects.select_for_update().get(pk=run.pk)
            if run.digest_sent_at is not None:
                continue
            organisation = Organisation.objects.filter(home_page_id=run.site.root_page_id).first()
            recipients = (
                list(
                    members(organisation, ["admin"])
                    .exclude(email="")
                    .values_list("email", flat=True)
                )
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
                queue_mail(subject, body, recipients)  # sent once this run is marked
                sent += 1
            run.digest_sent_at = timezone.now()
            run.save(update_fields=["digest_sent_at"])
    return sent
