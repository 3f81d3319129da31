"""An item's get_<field>_display() shows Django's label, translating only the one shown."""

import pytest
from django.db.models import Model

from catalog.models import DisclosureItemPage
from catalog.models.choices import Genre, choice_label

pytestmark = pytest.mark.django_db  # a new page asks for the default locale


def choice_fields():
    return [field for field in DisclosureItemPage._meta.concrete_fields if field.choices]


def test_every_value_of_every_choice_field_shows_djangos_label():
    assert len(choice_fields()) >= 8
    item = DisclosureItemPage()
    for field in choice_fields():
        for value, label in field.flatchoices:
            setattr(item, field.attname, value)
            assert choice_label(field, value) == str(label)
            assert getattr(item, f"get_{field.name}_display")() == Model._get_FIELD_display(
                item, field
            )


def test_a_value_outside_the_choices_is_shown_as_it_is():
    item = DisclosureItemPage(genre="not-a-genre")
    assert item.get_genre_display() == "not-a-genre"
    item.genre = Genre.NOTICE
    assert item.get_genre_display() == "通知"
