"""Bank details of a funding application are encrypted at rest, read back as entered, survive a key rotation,
and never show as ciphertext when a key is missing."""

import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from dialogwerk.funding.models import FundingApplication

IBAN = "DE89370400440532013000"


def stored(application, column: str):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM funding_fundingapplication WHERE id = %s", [application.pk])
        return cursor.fetchone()[0]


@pytest.fixture
def with_bank(application):
    application.account_holder, application.iban, application.bic, application.bank_name = (
        "Stadtkasse Musterstadt",
        IBAN,
        "COBADEFFXXX",
        "Sparkasse",
    )
    application.save()
    return application


def test_the_database_holds_no_bank_detail_in_plain_text(with_bank):
    for column, plain in [
        ("iban", IBAN),
        ("bic", "COBADEFFXXX"),
        ("account_holder", "Stadtkasse Musterstadt"),
        ("bank_name", "Sparkasse"),
    ]:
        raw = stored(with_bank, column)
        assert raw.startswith("gAAAAA") and plain not in raw
    again = FundingApplication.objects.get(pk=with_bank.pk)
    assert (again.iban, again.bic, again.bank_name) == (IBAN, "COBADEFFXXX", "Sparkasse")
    assert again.iban_masked == "DE•• •••• •••• •••• ••30 00"


def test_an_empty_bank_detail_stays_empty(application):
    application.bic = ""
    application.save()
    assert stored(application, "bic") is None and FundingApplication.objects.get(pk=application.pk).bic == ""


def test_a_new_key_reads_the_old_details_and_the_command_writes_them_again_with_it(with_bank, settings):
    old_raw = stored(with_bank, "iban")
    settings.SALT_KEY = ["a-new-field-encryption-key-0123456789abcdef", *settings.SALT_KEY]
    assert FundingApplication.objects.get(pk=with_bank.pk).iban == IBAN  # the old key still decrypts
    call_command("reencrypt_bank_details", stdout=io.StringIO())
    assert stored(with_bank, "iban") != old_raw
    settings.SALT_KEY = settings.SALT_KEY[:1]  # the old key retired
    assert FundingApplication.objects.get(pk=with_bank.pk).iban == IBAN


def test_a_missing_key_is_an_error_not_ciphertext_on_the_page(with_bank, settings):
    settings.SALT_KEY = ["a-key-that-never-encrypted-anything-0123456789"]
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"):
        FundingApplication.objects.get(pk=with_bank.pk)


def test_a_rotated_secret_key_in_the_fallbacks_still_decrypts(with_bank, settings):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-completely-new-secret-key-for-this-installation-0123456789"
    assert FundingApplication.objects.get(pk=with_bank.pk).iban == IBAN


def test_bank_details_stored_before_in_plain_text_are_encrypted_by_the_migration(application):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE funding_fundingapplication SET iban = %s, bank_name = %s WHERE id = %s",
            [IBAN, "Sparkasse", application.pk],
        )
    assert FundingApplication.objects.get(pk=application.pk).iban == IBAN  # plain text still reads
    migration = importlib.import_module("dialogwerk.funding.migrations.0002_bank_details_encrypted")
    migration.encrypt_stored_bank_details(django_apps, None)
    assert stored(application, "iban").startswith("gAAAAA") and stored(application, "bank_name").startswith("gAAAAA")
    assert FundingApplication.objects.get(pk=application.pk).bank_name == "Sparkasse"
