"""How meetings and people are named in lists (the API list reads columns, not objects)."""

from accounts.models import User, user_display_name
from meetings.models import Meeting, meeting_short_label


def test_meeting_label_with_and_without_a_number():
    assert meeting_short_label("APEC TELWG", 70) == "APEC TELWG 70"
    assert meeting_short_label("TELMIN", None) == "TELMIN"
    assert Meeting(series="APEC TELWG", number=70).short_label == "APEC TELWG 70"


def test_display_name_prefers_the_full_name_then_first_and_last_then_the_login():
    assert user_display_name("沈信雄", "Hsin-hsiung", "Shen", "shen") == "沈信雄"
    assert user_display_name("", "Hsin-hsiung", "Shen", "shen") == "Hsin-hsiung Shen"
    assert user_display_name("", "", "Shen", "shen") == "Shen"
    assert user_display_name("", "", "", "shen") == "shen"
    user = User(full_name="", first_name="Yu-shan", last_name="Hsu", username="hsu")
    assert user.display_name == "Yu-shan Hsu"
