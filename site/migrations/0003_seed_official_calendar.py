"""Seed the official calendar for 2004–2026 from the chinese-calendar package."""

from django.db import migrations


def seed(apps, schema_editor):
    from chinese_calendar import constants

    CalendarYear = apps.get_model("cluster", "CalendarYear")
    CalendarDay = apps.get_model("cluster", "CalendarDay")
    special = [(date, "holiday", name) for date, name in constants.holidays.items()]
    special += [(date, "workday", name) for date, name in constants.workdays.items()]
    years = {}
    for year in sorted({date.year for date, _kind, _name in special}):
        years[year] = CalendarYear.objects.get_or_create(
            year=year,
            defaults={"notice": f"国务院办公厅关于{year}年部分节假日安排的通知", "seeded": True},
        )[0]
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(
                calendar_year=years[date.year],
                date=date,
                kind=kind,
                name=constants.Holiday(name).chinese,
            )
            for date, kind, name in special
        ],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("cluster", "CalendarYear").objects.filter(seeded=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cluster", "0002_official_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
