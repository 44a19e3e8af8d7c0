"""The Reply-To token: signed, case-proof, short enough for a local part."""

import pytest

from reminders import addresses

pytestmark = pytest.mark.django_db


def test_a_token_reads_back_and_fits_a_local_part(settings):
    settings.REPLY_TO_ADDRESS = "reply@tracker.example.org"
    address = addresses.reply_address(123456789)
    local = address.split("@")[0]
    assert local.startswith("reply+") and len(local) <= 64
    assert addresses.read_reply_token(addresses.token_in([address])) == 123456789
    # An MTA that upper-cases the local part breaks nothing.
    assert addresses.read_reply_token(addresses.token_in([address.upper()])) == 123456789


@pytest.mark.parametrize(
    "token", ["", "1", "1.", "3f.000000000000000000000000", "zz.abcdefabcdefabcdefabcdef0", "1.abc"]
)
def test_a_token_we_did_not_sign_reads_as_nothing(token):
    assert addresses.read_reply_token(token) is None


def test_changing_the_id_breaks_the_signature():
    token = addresses.reply_token(41)
    forged = "1a" + token[token.index(".") :]
    assert addresses.read_reply_token(forged) is None


def test_only_our_mailbox_with_a_token_counts(settings):
    settings.REPLY_TO_ADDRESS = "reply@tracker.example.org"
    assert (
        addresses.token_in(
            ["reply@tracker.example.org", "other+x@tracker.example.org", "reply+abc@elsewhere.example.org"]
        )
        is None
    )
    assert addresses.token_in(["<Reply+AbC@Tracker.Example.org>"]) == "abc"


def test_no_reply_to_when_switched_off(settings):
    settings.REPLY_TO_ADDRESS = ""
    assert addresses.reply_address(1) is None
