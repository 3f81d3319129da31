"""Search documents for replies published in anonymised form (依申请公开答复)."""

import datetime as dt

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from cluster.personal_data import mask_text
from search.documents import SearchDocument
from search.registry import SearchRecord, SearchSource, register
from search.signals import keys_for, queue_keys

from .models import DisclosureRequest, Reply


class PublishedReplyDocument(SearchDocument):
    """Published replies share the common fields; 文号 is the reply letter's number."""


@register
class PublishedReplySource(SearchSource):
    label = "published_reply"
    verbose_name = "依申请公开答复"
    model = Reply
    document = PublishedReplyDocument

    def queryset(self):
        return Reply.objects.filter(publish=True, request__state="replied").select_related(
            "request__organisation__home_page"
        )

    def record(self, reply):
        organisation = reply.request.organisation
        home_page = organisation.home_page
        site = home_page.get_site() if home_page else None
        approved = reply.approved_on or timezone.localdate()
        return SearchRecord(
            key=self.key_for(reply),
            content_type=self.label,
            title=f"{organisation.short_name}依申请公开答复 {reply.document_number}".strip(),
            body=mask_text(
                reply.public_summary,
                names=(reply.request.applicant_name, reply.request.contact_person),
            ),
            summary=reply.get_kind_display(),
            url=(site.root_url if site else "") + reverse("disclosure_replies"),
            organisation_id=organisation.id,
            organisation=organisation.name,
            scope_path=home_page.path if home_page else "",
            published=timezone.make_aware(dt.datetime.combine(approved, dt.time(9))),
            document_number=reply.document_number,
        )


@receiver(post_save, sender=DisclosureRequest)
def reindex_reply_with_its_request(sender, instance, **kwargs):
    """A reply becomes public when its request is replied, so follow the request's state."""
    if kwargs.get("raw") or kwargs.get("created"):
        return  # a new request has no reply yet: no query on every filing
    reply = Reply.objects.filter(request=instance).first()
    if reply is not None:
        queue_keys(keys_for(reply))
