"""factory_boy factories for database tests."""

from datetime import UTC, date, datetime

import factory

from accounts.models import User
from actions.models import ActionItem, Deadline, ItemKind
from followup_dates import dates
from meetings.models import Meeting, Organization, Participant, Session


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"使用者 {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw-for-tests")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"機關 {n}")
    abbreviation = factory.Sequence(lambda n: f"ORG{n}")
    kind = "our_agency"
    time_zone = "Asia/Taipei"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    series = "APEC TELWG"
    number = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda m: f"{m.series} {m.number}")
    start_on = date(2025, 3, 3)
    end_on = date(2025, 3, 7)
    venue = "Gyeongju"
    venue_zone = "Asia/Seoul"
    holiday_calendar = "KR"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    code = factory.Sequence(lambda n: f"session-{n}")
    name = factory.Sequence(lambda n: f"Session {n}")
    kind = "plenary"
    starts_at = datetime(2025, 3, 4, 0, 0, tzinfo=UTC)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda p: p.user.full_name if p.user else "Someone")
    organization = factory.SubFactory(OrganizationFactory)
    role = "delegate"


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    meeting = factory.SubFactory(MeetingFactory)
    key = factory.Sequence(lambda n: f"deadline-{n}")
    label = factory.Sequence(lambda n: f"Deadline {n}")
    zone = "Asia/Taipei"
    due_on = date(2025, 3, 13)
    precision = "day"
    due_at = factory.LazyAttribute(
        lambda d: dates.due_at(dates.DueDate(on=d.due_on, precision=dates.Precision(d.precision)), d.zone)
    )


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Follow-up {n}")
    kind = ItemKind.OUR_TASK
    owner = factory.SubFactory(UserFactory)
    deadline = factory.SubFactory(DeadlineFactory, meeting=factory.SelfAttribute("..meeting"))
